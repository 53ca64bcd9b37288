#include "services/diagnostics/TtsConnectionTest.h"

#include "services/engine/DeviceConnectionSettings.h"
#include "services/net/HttpTransport.h"
#include "services/tts/TtsClient.h"

namespace TwinBridge {

namespace {

const QString Reachable = QStringLiteral("tts.reachable");
const QString Tls = QStringLiteral("tts.tls");
const QString ApiKey = QStringLiteral("tts.apiKey");
const QString Application = QStringLiteral("tts.application");
const QString MqttReachable = QStringLiteral("tts.mqttReachable");
const QString MqttLogin = QStringLiteral("tts.mqttLogin");

QList<TtsRights::Right> neededRights()
{
    return TtsRights::required(TtsRights::Operation::AzureIntegration);
}

} // namespace

TtsConnectionTest::TtsConnectionTest(const ConnectionProfile &profile, const QString &apiKey,
                                     QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : ConnectionTest(ConnectionCheck::Target::Tts, clock, parent)
    , m_profile(profile)
    , m_apiKey(apiKey)
    , m_nam(nam)
{
    Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(profile.tls.caCertificateFile);
    if (ssl)
        m_ssl = ssl.value();
    else
        m_sslError = ssl.error().message();
    const Result<QUrl> base = TtsClient::normalizeBaseUrl(QUrl(profile.tts.apiBaseUrl));
    if (base)
        m_baseUrl = base.value();
    m_client =
        new TtsClient(m_nam, QUrl(profile.tts.apiBaseUrl), profile.tts.applicationId, apiKey, this->clock(), this);
    RetryPolicy retry = m_client->transport()->retryPolicy();
    retry.maxAttempts = 1; // a diagnosis reports what TTS answered; it does not wait out throttling
    m_client->transport()->setRetryPolicy(retry);
    if (m_ssl)
        m_client->transport()->setSslConfiguration(*m_ssl);
}

TtsConnectionTest::~TtsConnectionTest() = default;

QString TtsConnectionTest::rightCheckId(TtsRights::Right right)
{
    return QStringLiteral("tts.right.") + TtsRights::wireName(right);
}

void TtsConnectionTest::run()
{
    declare(Reachable, tr("API address reachable"));
    declare(Tls, tr("TLS certificate of the API"));
    declare(ApiKey, tr("API key accepted"));
    declare(Application, tr("Application exists"));
    for (TtsRights::Right right : neededRights())
        declare(rightCheckId(right), tr("Right %1").arg(TtsRights::wireName(right)));
    declare(MqttReachable, tr("MQTT server reachable"));
    declare(MqttLogin, tr("MQTT login with the API key"));

    if (!m_baseUrl.isValid() || m_baseUrl.isEmpty()) {
        fail(Reachable,
             tr("The API address “%1” is not usable. Enter the cluster's address, e.g. "
                "https://eu1.cloud.thethings.network/api/v3.")
                 .arg(m_profile.tts.apiBaseUrl));
        finish();
        return;
    }
    if (!m_ssl) {
        pass(Reachable, tr("Not tried: the TLS settings are unusable."));
        fail(Tls, m_sslError);
        finish();
        return;
    }
    probeApi(generation());
}

void TtsConnectionTest::probeApi(quint64 generation)
{
    const bool https = m_baseUrl.scheme() == QLatin1String("https");
    const QString host = m_baseUrl.host();
    setRunning(Reachable);
    probe(host, quint16(m_baseUrl.port(https ? 443 : 80)), https ? m_ssl : std::optional<QSslConfiguration>(),
          [this, generation, https, host](const EndpointProbe::Outcome &outcome) {
              if (outcome.ok() || outcome.failure == EndpointProbe::Failure::Tls)
                  pass(Reachable, tr("%1 answers on port %2.").arg(host).arg(m_baseUrl.port(https ? 443 : 80)));
              else
                  fail(Reachable, outcome.sentence, outcome.detail);
              if (outcome.failure == EndpointProbe::Failure::Tls)
                  fail(Tls, outcome.sentence, outcome.detail);
              else if (outcome.ok() && https)
                  pass(Tls, outcome.sentence);
              else if (outcome.ok() && EndpointProbe::isLoopbackHost(host))
                  skip(Tls, tr("Plain HTTP to this computer (a local sandbox): there is no certificate to check."));
              else if (outcome.ok())
                  warn(Tls,
                       tr("The API address uses plain HTTP, so the API key travels unencrypted. Use the "
                          "https:// address of the cluster."));
              if (!outcome.ok()) {
                  const QString notReached = tr("Not checked: the API could not be reached.");
                  skip(ApiKey, notReached);
                  skip(Application, notReached);
                  for (TtsRights::Right right : neededRights())
                      skip(rightCheckId(right), notReached);
                  probeMqtt();
                  return;
              }
              readApplication(generation);
          });
}

void TtsConnectionTest::readApplication(quint64 generation)
{
    const QString applicationId = m_profile.tts.applicationId;
    if (m_apiKey.isEmpty()) {
        fail(ApiKey,
             tr("No TTS API key is stored in this profile. Create one in the TTS Console (application → API "
                "keys) and enter it on the Connections page."));
        finish();
        return;
    }
    setRunning(ApiKey);
    track(m_client->application()).then(this, [this, generation, applicationId](const Result<TtsApplication> &app) {
        if (isStale(generation))
            return;
        if (app) {
            pass(ApiKey, tr("The Things Stack accepted the API key."));
            const QString name = app.value().name;
            pass(Application,
                 name.isEmpty() ? tr("The application “%1” exists.").arg(applicationId)
                                : tr("The application “%1” (%2) exists.").arg(applicationId, name));
            readRights(generation);
            return;
        }
        const ServiceError &error = app.error();
        const QString notChecked = tr("Not checked: the application could not be read with this key.");
        switch (error.kind()) {
        case ServiceError::Kind::Unauthorized:
            fail(ApiKey,
                 tr("The Things Stack does not accept this API key (401): it is mistyped, was deleted or "
                    "expired, or belongs to another cluster. Create a new key in the TTS Console (application "
                    "→ API keys) and enter it here."),
                 error.detail());
            break;
        case ServiceError::Kind::Forbidden:
            pass(ApiKey, tr("The Things Stack knows the API key."));
            fail(Application,
                 tr("The key has no rights on the application “%1” (403): the application does not "
                    "exist on this cluster or tenant, or the key belongs to another application. Check "
                    "the application ID and the tenant ID.")
                     .arg(applicationId),
                 error.detail());
            break;
        case ServiceError::Kind::NotFound:
            pass(ApiKey, tr("The Things Stack knows the API key."));
            fail(Application,
                 tr("There is no application “%1” on this cluster (404). Check the application ID and "
                    "the tenant ID.")
                     .arg(applicationId),
                 error.detail());
            break;
        default:
            fail(ApiKey, error.message(), error.detail());
            break;
        }
        for (TtsRights::Right right : neededRights())
            skip(rightCheckId(right), notChecked);
        probeMqtt();
    });
}

void TtsConnectionTest::readRights(quint64 generation)
{
    for (TtsRights::Right right : neededRights())
        setRunning(rightCheckId(right));
    track(m_client->rights()).then(this, [this, generation](const Result<TtsRights> &rights) {
        if (isStale(generation))
            return;
        if (!rights) {
            for (TtsRights::Right right : neededRights())
                warn(rightCheckId(right),
                     tr("Not checked: the key's rights could not be read: %1").arg(rights.error().message()));
            probeMqtt();
            return;
        }
        const QList<TtsRights::MissingRight> missing =
            rights.value().missingFor(TtsRights::Operation::AzureIntegration);
        for (TtsRights::Right right : neededRights()) {
            auto found = std::find_if(missing.cbegin(), missing.cend(),
                                      [right](const TtsRights::MissingRight &m) { return m.right == right; });
            if (found != missing.cend())
                fail(rightCheckId(right),
                     found->sentence + QLatin1Char(' ') +
                         tr("Add the right to the API key in the TTS Console, or create a key "
                            "that has it."));
            else
                pass(rightCheckId(right), tr("Granted: lets TwinBridge %1.").arg(TtsRights::description(right)));
        }
        probeMqtt();
    });
}

void TtsConnectionTest::probeMqtt()
{
    const QString host = m_profile.effectiveTtsMqttHost();
    const int port = m_profile.tts.mqttPort;
    if (host.isEmpty() || port <= 0 || port > 65535) {
        fail(MqttReachable, tr("The profile's MQTT host or port is not usable. Check them on the Connections page."));
        finish();
        return;
    }
    setRunning(MqttReachable);
    const std::optional<QSslConfiguration> tls = m_profile.tts.mqttTls ? m_ssl : std::optional<QSslConfiguration>();
    probe(host, quint16(port), tls, [this](const EndpointProbe::Outcome &outcome) {
        if (!outcome.ok()) {
            fail(MqttReachable, outcome.sentence, outcome.detail);
            skip(MqttLogin, tr("Not checked: the MQTT server could not be reached."));
            finish();
            return;
        }
        pass(MqttReachable, outcome.sentence);
        loginMqtt();
    });
}

void TtsConnectionTest::loginMqtt()
{
    if (m_apiKey.isEmpty()) {
        skip(MqttLogin, tr("Not checked: no API key is stored."));
        finish();
        return;
    }
    setRunning(MqttLogin);
    MosquittoClient::Options options;
    options.host = m_profile.effectiveTtsMqttHost();
    options.port = quint16(m_profile.tts.mqttPort);
    options.username = m_profile.ttsMqttUsername();
    options.password = m_apiKey.toUtf8();
    options.cleanSession = true;
    options.keepAliveSeconds = 30;
    options.tls = m_profile.tts.mqttTls;
    options.caFile = m_profile.tts.mqttTls ? m_profile.tls.caCertificateFile : QString();
    options.connectTimeout = std::chrono::seconds(15);
    const QString user = options.username;
    tryMqttLogin(options, [this, user](const ServiceError &error) {
        if (!error.isError())
            pass(MqttLogin, tr("Logged in as “%1” with the API key.").arg(user));
        else if (error.kind() == ServiceError::Kind::Unauthorized)
            fail(MqttLogin,
                 tr("The MQTT server refused the login of “%1” with this API key: the key lacks "
                    "RIGHT_APPLICATION_TRAFFIC_READ, or the user name (application ID@tenant ID) is wrong.")
                     .arg(user),
                 error.message());
        else
            fail(MqttLogin, error.message(), error.detail());
        finish();
    });
}

} // namespace TwinBridge
