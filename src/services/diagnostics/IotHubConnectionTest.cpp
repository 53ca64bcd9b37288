#include "services/diagnostics/IotHubConnectionTest.h"

#include "services/core/Logging.h"
#include "services/diagnostics/ClockSkew.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/iothub/IotHubErrorEnvelope.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/SasToken.h"

#include <QJsonObject>
#include <QUuid>

namespace TwinBridge {

namespace {

const QString Reachable = QStringLiteral("hub.reachable");
const QString Tls = QStringLiteral("hub.tls");
const QString ClockCheck = QStringLiteral("hub.clock");
const QString Key = QStringLiteral("hub.key");
const QString Mqtt = QStringLiteral("hub.mqtt");

QString rightId(const QString &right)
{
    return QStringLiteral("hub.right.") + right;
}

const QString RegistryRead = QStringLiteral("RegistryRead");
const QString RegistryWrite = QStringLiteral("RegistryWrite");
const QString ServiceConnect = QStringLiteral("ServiceConnect");
const QString DeviceConnect = QStringLiteral("DeviceConnect");

constexpr std::chrono::seconds TokenLifetime {3600};

} // namespace

IotHubConnectionTest::IotHubConnectionTest(const ConnectionProfile &profile, const QByteArray &policyKey,
                                           QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : ConnectionTest(ConnectionCheck::Target::IotHub, clock, parent)
    , m_profile(profile)
    , m_policyKey(policyKey)
    , m_nam(nam)
    , m_probeDeviceId(QStringLiteral("twinbridge-connection-test-") +
                      QUuid::createUuid().toString(QUuid::Id128).left(12))
{
    m_transport = new HttpTransport(m_nam, this);
    m_transport->setClock(this->clock());
    RetryPolicy retry = m_transport->retryPolicy();
    retry.maxAttempts = 1; // a diagnosis reports what the hub answered; it does not wait out throttling
    m_transport->setRetryPolicy(retry);
    Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(profile.tls.caCertificateFile);
    if (ssl) {
        m_ssl = ssl.value();
        m_transport->setSslConfiguration(ssl.value());
    } else {
        m_sslError = ssl.error().message();
    }
    IotHubCredentials credentials;
    credentials.hostName = profile.iotHub.hostName;
    credentials.restEndpoint = profile.effectiveIotHubRestUrl();
    credentials.policyName = profile.iotHub.policyName;
    credentials.policyKey = policyKey;
    m_client = new IotHubServiceClient(m_transport, credentials, nullptr, this->clock(), this);
}

IotHubConnectionTest::~IotHubConnectionTest() = default;

QString IotHubConnectionTest::rightTitle(const QString &right)
{
    return tr("Policy right %1").arg(right);
}

void IotHubConnectionTest::run()
{
    declare(Reachable, tr("REST endpoint reachable"));
    declare(Tls, tr("TLS certificate of the REST endpoint"));
    declare(ClockCheck, tr("Clock in step with the hub"));
    declare(Key, tr("Policy key accepted"));
    declare(rightId(RegistryRead), rightTitle(RegistryRead));
    declare(rightId(RegistryWrite), rightTitle(RegistryWrite));
    declare(rightId(ServiceConnect), rightTitle(ServiceConnect));
    declare(Mqtt, tr("Device MQTT endpoint reachable"));
    declare(rightId(DeviceConnect), rightTitle(DeviceConnect));
    m_results.clear();
    m_hubTime = {};

    if (m_profile.iotHub.hostName.isEmpty()) {
        fail(Reachable,
             tr("The profile has no IoT Hub host name. Enter it (myhub.azure-devices.net), or deploy a "
                "hub on the Deploy page."));
        finish();
        return;
    }
    if (!m_ssl) {
        pass(Reachable, tr("Not tried: the TLS settings are unusable."));
        fail(Tls, m_sslError);
        finish();
        return;
    }
    probeRest(generation());
}

void IotHubConnectionTest::probeRest(quint64 generation)
{
    const QUrl endpoint = m_profile.effectiveIotHubRestUrl();
    // IoT Hub is HTTPS only; plain http is accepted for a local stand-in (and the unit tests).
    const bool https = endpoint.scheme() != QLatin1String("http");
    const QString host = endpoint.host();
    setRunning(Reachable);
    probe(host, quint16(endpoint.port(https ? 443 : 80)), https ? m_ssl : std::optional<QSslConfiguration>(),
          [this, generation, https, host](const EndpointProbe::Outcome &outcome) {
              if (outcome.ok() || outcome.failure == EndpointProbe::Failure::Tls)
                  pass(Reachable, tr("The hub's REST endpoint %1 answers.").arg(host));
              else
                  fail(Reachable, outcome.sentence, outcome.detail);
              if (outcome.failure == EndpointProbe::Failure::Tls)
                  fail(Tls, outcome.sentence, outcome.detail);
              else if (outcome.ok() && https)
                  pass(Tls, outcome.sentence);
              else if (outcome.ok())
                  warn(Tls,
                       tr("The REST endpoint is plain HTTP: tokens travel unencrypted. IoT Hub itself is "
                          "HTTPS only; check the REST endpoint in the profile."));
              if (!outcome.ok()) {
                  const QString notReached = tr("Not checked: the REST endpoint could not be used.");
                  for (const QString &id :
                       {Tls, ClockCheck, Key, rightId(RegistryRead), rightId(RegistryWrite), rightId(ServiceConnect)}) {
                      if (statusOf(id) == ConnectionCheck::Status::Pending)
                          skip(id, notReached);
                  }
                  probeMqtt(generation);
                  return;
              }
              if (m_policyKey.isEmpty() || m_profile.iotHub.policyName.isEmpty()) {
                  fail(Key,
                       m_profile.iotHub.policyName.isEmpty()
                           ? tr("The profile names no shared access policy. Enter the policy's name (e.g. "
                                "iothubowner) and its key on the Connections page.")
                           : tr("The key of the policy “%1” is not stored in this profile. Enter it on the "
                                "Connections page (Azure portal → IoT Hub → Shared access policies).")
                                 .arg(m_profile.iotHub.policyName));
                  skip(ClockCheck, tr("Not checked: without a key no call can be signed."));
                  const QString noKey = tr("Not checked: no policy key.");
                  for (const QString &id : {rightId(RegistryRead), rightId(RegistryWrite), rightId(ServiceConnect)})
                      skip(id, noKey);
                  probeMqtt(generation);
                  return;
              }
              setRunning(Key);
              sendRightProbe(generation, 0);
          });
}

QByteArray IotHubConnectionTest::serviceToken() const
{
    const qint64 expiry = clock()->secondsSinceEpoch() + TokenLifetime.count();
    return SasToken::sign(SasToken::hubResource(m_profile.iotHub.hostName), m_policyKey, expiry,
                          m_profile.iotHub.policyName)
        .toUtf8();
}

void IotHubConnectionTest::sendRightProbe(quint64 generation, int index)
{
    if (index >= 3) {
        evaluateRights(generation);
        return;
    }
    const auto probe = static_cast<Probe>(index);
    static const QString ids[] = {rightId(RegistryRead), rightId(ServiceConnect), rightId(RegistryWrite)};
    setRunning(ids[index]);

    HttpRequest request;
    QUrl url = m_profile.effectiveIotHubRestUrl();
    const QString &encodedId = m_probeDeviceId; // [a-z0-9-] only: nothing to encode
    switch (probe) {
    case Probe::RegistryRead:
        request.method = "GET";
        url.setPath(QStringLiteral("/devices/") + encodedId);
        break;
    case Probe::ServiceConnect:
        request.method = "GET";
        url.setPath(QStringLiteral("/twins/") + encodedId);
        break;
    case Probe::RegistryWrite:
        request.method = "DELETE";
        url.setPath(QStringLiteral("/devices/") + encodedId);
        request.setHeader("If-Match", "*");
        break;
    }
    url.setQuery(QStringLiteral("api-version=") + QLatin1String(IotHubServiceClient::ApiVersion));
    request.url = url;
    request.timeout = std::chrono::seconds(15);
    request.setHeader("Authorization", serviceToken());
    request.setHeader("Accept", "application/json");
    track(m_transport->send(request)).then(this, [this, generation, index](const HttpResponse &response) {
        if (isStale(generation))
            return;
        const QByteArray date = response.header("Date");
        if (const std::optional<QDateTime> hubTime = ClockSkew::parseHttpDate(date)) {
            m_hubTime = *hubTime;
            m_localTimeAtAnswer = clock()->nowUtc();
        }
        m_results.append(classify(response));
        sendRightProbe(generation, index + 1);
    });
}

IotHubConnectionTest::ProbeResult IotHubConnectionTest::classify(const HttpResponse &response) const
{
    ProbeResult result;
    if (!response.hasHttpStatus()) {
        const ServiceError error = response.transportError(tr("call the hub"));
        result.sentence = error.message();
        result.detail = error.detail();
        return result;
    }
    const IotHubErrorEnvelope envelope = IotHubErrorEnvelope::parse(response.body, response.header("iothub-errorcode"));
    result.detail = envelope.message.left(300);
    auto is = [&envelope](const char *name) {
        return envelope.code.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
    };
    if (response.isHttpSuccess() || (response.status == 404 && (envelope.code.isEmpty() || is("DeviceNotFound")))) {
        result.verdict = Verdict::Granted;
    } else if ((response.status == 401 || response.status == 403 || response.status == 404) && is("IotHubNotFound")) {
        result.verdict = Verdict::HubNotFound;
    } else if (response.status == 401 || (response.status == 403 && is("IotHubUnauthorizedAccess"))) {
        result.verdict = Verdict::Refused;
    } else {
        result.sentence = tr("The hub answered HTTP %1%2; the right could not be checked. Try again later.")
                              .arg(response.status)
                              .arg(envelope.code.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(envelope.code));
    }
    return result;
}

void IotHubConnectionTest::evaluateRights(quint64 generation)
{
    // The clock: the Date header of the hub's last answer against this computer's clock at that moment.
    bool clockOff = false;
    if (m_hubTime.isValid()) {
        const std::chrono::seconds offset = ClockSkew::offset(m_hubTime, m_localTimeAtAnswer);
        const QString sentence = ClockSkew::describe(offset, tr("the hub"));
        clockOff = ClockSkew::exceedsTolerance(offset);
        if (clockOff)
            fail(ClockCheck,
                 sentence + QLatin1Char(' ') +
                     tr("IoT Hub checks SAS token expiry with its own clock and allows about 5 minutes of skew, so "
                        "tokens signed here may be refused. Set this computer's clock right (turn on automatic "
                        "time/NTP)."));
        else
            pass(ClockCheck, sentence);
    } else {
        skip(ClockCheck, tr("Not checked: the hub's answers carry no Date header to compare with."));
    }

    bool anyGranted = false;
    bool hubMissing = false;
    for (const ProbeResult &result : std::as_const(m_results)) {
        anyGranted = anyGranted || result.verdict == Verdict::Granted;
        hubMissing = hubMissing || result.verdict == Verdict::HubNotFound;
    }
    const QString policy = m_profile.iotHub.policyName;
    const QString rightIds[] = {rightId(RegistryRead), rightId(ServiceConnect), rightId(RegistryWrite)};
    const QString rightNames[] = {RegistryRead, ServiceConnect, RegistryWrite};
    const QString uses[] = {
        tr("reading device identities (the Devices page, provisioning checks)"),
        tr("reading and updating twins and running queries"),
        tr("creating, updating and deleting device identities (identity on demand)"),
    };

    if (hubMissing) {
        fail(Key, tr("There is no IoT hub “%1”. Check the host name in the profile.").arg(m_profile.iotHub.hostName));
    } else if (!anyGranted) {
        bool allRefused = m_results.size() == 3;
        for (const ProbeResult &result : std::as_const(m_results))
            allRefused = allRefused && result.verdict == Verdict::Refused;
        if (!allRefused) {
            const ProbeResult &first = m_results.first();
            fail(Key, first.sentence.isEmpty() ? tr("The hub gave no usable answer.") : first.sentence, first.detail);
        } else if (clockOff) {
            fail(Key,
                 tr("The hub refused every token signed with the key of policy “%1”. This computer's clock is "
                    "off (see above), which alone makes the hub refuse tokens: fix the clock first, then test "
                    "again.")
                     .arg(policy));
        } else {
            fail(Key,
                 tr("The hub refused the key of policy “%1” for every service call (401): the key is wrong — or the "
                    "policy has none of RegistryRead, RegistryWrite and ServiceConnect. Copy the primary key of “%1” "
                    "from the Azure portal (IoT Hub → Shared access policies), or use a policy with those rights.")
                     .arg(policy),
                 m_results.first().detail);
        }
    } else {
        pass(Key, tr("The hub accepted tokens signed with the key of policy “%1”.").arg(policy));
        for (int i = 0; i < 3 && i < m_results.size(); ++i) {
            const ProbeResult &result = m_results.at(i);
            switch (result.verdict) {
            case Verdict::Granted:
                pass(rightIds[i], tr("Granted: the policy allows %1.").arg(uses[i]));
                break;
            case Verdict::Refused:
                fail(rightIds[i],
                     tr("The policy “%1” lacks %2, which TwinBridge needs for %3. Add %2 to the policy "
                        "in the Azure portal, or use a policy that has it (iothubowner has all rights).")
                         .arg(policy, rightNames[i], uses[i]),
                     result.detail);
                break;
            case Verdict::HubNotFound:
            case Verdict::Inconclusive:
                warn(rightIds[i], result.sentence, result.detail);
                break;
            }
        }
    }
    const QString notChecked = tr("Not checked: the key was not accepted.");
    for (const QString &id : rightIds) {
        if (statusOf(id) == ConnectionCheck::Status::Running || statusOf(id) == ConnectionCheck::Status::Pending)
            skip(id, notChecked);
    }
    probeMqtt(generation);
}

void IotHubConnectionTest::probeMqtt(quint64 generation)
{
    const QString host = m_profile.effectiveIotHubMqttHost();
    const int port = m_profile.iotHub.mqttPort;
    if (!m_ssl || host.isEmpty() || port <= 0 || port > 65535) {
        fail(Mqtt, tr("The profile's MQTT host or port is not usable. Check them on the Connections page."));
        finish();
        return;
    }
    setRunning(Mqtt);
    probe(host, quint16(port), m_ssl, [this, generation](const EndpointProbe::Outcome &outcome) {
        if (!outcome.ok()) {
            fail(Mqtt, outcome.sentence, outcome.detail);
            skip(rightId(DeviceConnect), tr("Not checked: the device MQTT endpoint could not be used."));
            finish();
            return;
        }
        pass(Mqtt, outcome.sentence);
        findDevice(generation);
    });
}

void IotHubConnectionTest::findDevice(quint64 generation)
{
    if (statusOf(rightId(ServiceConnect)) != ConnectionCheck::Status::Passed) {
        skip(rightId(DeviceConnect),
             tr("Not checked: finding a device to try it with needs ServiceConnect and an "
                "accepted key. The engine finds out at the first uplink."));
        finish();
        return;
    }
    setRunning(rightId(DeviceConnect));
    track(m_client->query(QStringLiteral("SELECT * FROM devices"), 50))
        .then(this, [this, generation](const Result<QueryPage> &page) {
            if (isStale(generation))
                return;
            if (!page) {
                warn(rightId(DeviceConnect),
                     tr("Not checked: the device list could not be read: %1").arg(page.error().message()));
                finish();
                return;
            }
            for (const QJsonValue &item : page.value().items) {
                const QJsonObject twin = item.toObject();
                const QString deviceId = twin.value(QLatin1String("deviceId")).toString();
                const bool connected = twin.value(QLatin1String("connectionState"))
                                           .toString()
                                           .compare(QLatin1String("Connected"), Qt::CaseInsensitive) == 0;
                const bool disabled = twin.value(QLatin1String("status"))
                                          .toString()
                                          .compare(QLatin1String("disabled"), Qt::CaseInsensitive) == 0;
                if (!deviceId.isEmpty() && !connected && !disabled) {
                    connectDevice(deviceId);
                    return;
                }
            }
            skip(rightId(DeviceConnect),
                 tr("Not checked: the hub has no enabled device that is disconnected right now to try the policy "
                    "with (connected devices are not disturbed). The engine finds out at the first uplink."));
            finish();
        });
}

void IotHubConnectionTest::connectDevice(const QString &deviceId)
{
    MosquittoClient::Options options;
    options.clientId = deviceId;
    options.host = m_profile.effectiveIotHubMqttHost();
    options.port = quint16(m_profile.iotHub.mqttPort);
    options.username = IotHubMqttUsername::build(m_profile.iotHub.hostName, deviceId);
    const qint64 expiry = clock()->secondsSinceEpoch() + TokenLifetime.count();
    options.password = SasToken::sign(SasToken::deviceResource(m_profile.iotHub.hostName, deviceId), m_policyKey,
                                      expiry, m_profile.iotHub.policyName)
                           .toUtf8();
    options.tls = true;
    options.caFile = m_profile.tls.caCertificateFile;
    options.keepAliveSeconds = 30;
    options.connectTimeout = std::chrono::seconds(15);
    const QString policy = m_profile.iotHub.policyName;
    tryMqttLogin(options, [this, deviceId, policy](const ServiceError &error) {
        if (!error.isError())
            pass(rightId(DeviceConnect),
                 tr("Granted: the hub let the device “%1” connect with a token of policy “%2” (and it was "
                    "disconnected again at once).")
                     .arg(deviceId, policy));
        else if (error.kind() == ServiceError::Kind::Unauthorized)
            fail(rightId(DeviceConnect),
                 tr("The hub refused the device “%1” a connection signed with policy “%2”: the policy lacks "
                    "DeviceConnect, which the engine needs to send uplinks and reported properties as the devices. "
                    "Add DeviceConnect to the policy, or use one that has it (iothubowner).")
                     .arg(deviceId, policy),
                 error.message());
        else
            fail(rightId(DeviceConnect), error.message(), error.detail());
        finish();
    });
}

} // namespace TwinBridge
