// With the German translation installed from the embedded :/i18n/twinbridge_de.qm, the errors that real code
// paths produce come out in German — one path per area, several nested messages per path. A message whose
// translation context at run time differs from the one lupdate recorded (a local tr() wrapper, an unqualified
// Q_DECLARE_TR_FUNCTIONS, a misspelt QCoreApplication::translate context) stays English and fails here.

#include "FakeNetworkAccessManager.h"

#include "services/azure/CloudError.h"
#include "services/azure/EntraAuthority.h"
#include "services/azure/EntraError.h"
#include "services/core/Clock.h"
#include "services/core/ServiceError.h"
#include "services/iothub/DeviceIdentity.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/IotHubCredentials.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/IotHubConnectionString.h"
#include "services/protocol/IotHubTopic.h"
#include "services/protocol/SasToken.h"
#include "services/protocol/TtsDownlink.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ConnectionProfile.h"
#include "services/tts/TtsError.h"
#include "services/tts/TtsRights.h"

#include <QJsonObject>
#include <QTest>
#include <QTranslator>

#include <functional>
#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

namespace {

// Produces the user-visible text of one real code path, in whatever language is installed.
using MessageSource = std::function<QString()>;

QStringList fragments(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *fragment : list)
        result.append(QString::fromUtf8(fragment));
    return result;
}

QString issueOf(const ConnectionProfile &profile, QLatin1String field)
{
    for (const ProfileIssue &issue : profile.validate()) {
        if (issue.field == field)
            return issue.message;
    }
    return QStringLiteral("<no issue for %1>").arg(field);
}

} // namespace

Q_DECLARE_METATYPE(MessageSource)

class TestGermanMessages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void messagesAreGerman_data();
    void messagesAreGerman();

private:
    void setGerman(bool on);

    std::unique_ptr<QTranslator> m_german;
};

void TestGermanMessages::initTestCase()
{
    m_german = std::make_unique<QTranslator>();
    QVERIFY2(m_german->load(QStringLiteral(":/i18n/twinbridge_de.qm")),
             "the German translation is not embedded under :/i18n (link twinbridge_translations)");
    QVERIFY(!m_german->isEmpty());
}

void TestGermanMessages::cleanupTestCase()
{
    setGerman(false);
}

void TestGermanMessages::setGerman(bool on)
{
    if (on)
        QCoreApplication::installTranslator(m_german.get());
    else
        QCoreApplication::removeTranslator(m_german.get());
}

void TestGermanMessages::messagesAreGerman_data()
{
    QTest::addColumn<MessageSource>("source");
    QTest::addColumn<QStringList>("german"); // fragments, each from a different message where the path nests them

    // core: ServiceError (its own text and the "Could not %1: %2" frame).
    QTest::addRow("core: ServiceError::canceled")
        << MessageSource([] { return ServiceError::canceled(QStringLiteral("x")).toString(); })
        << fragments({"x fehlgeschlagen: ", "Der Vorgang wurde abgebrochen."});

    // net: HttpResponse.
    QTest::addRow("net: HttpResponse::transportError") << MessageSource([] {
        HttpResponse response;
        response.networkError = QNetworkReply::HostNotFoundError;
        return response.transportError(QStringLiteral("x")).message();
    }) << fragments({"Der Hostname konnte nicht aufgelöst werden."});

    // protocol: SasToken, IotHubConnectionString + IotHubNames, TtsDownlink, IotHubTopic, JsonFieldReader.
    QTest::addRow("protocol: SasToken::parse")
        << MessageSource([] { return SasToken::parse(QString()).error().message(); })
        << fragments({"Die Shared Access Signature ist fehlerhaft: ", "sie ist leer."});
    QTest::addRow("protocol: IotHubConnectionString::parse") << MessageSource([] {
        return IotHubConnectionString::parse(QStringLiteral("HostName=my_hub;SharedAccessKeyName=a;SharedAccessKey=b"))
            .error()
            .message();
    }) << fragments({"Die Verbindungszeichenfolge ist ungültig: ", "Der Wert „my_hub“ für HostName ist kein Hostname"});
    QTest::addRow("protocol: TtsDownlink::validate") << MessageSource([] {
        TtsDownlink downlink;
        downlink.fPort = 224;
        downlink.frmPayload = QByteArray("\x01", 1);
        return downlink.validate().error().message();
    }) << fragments({"FPort 224 ist nicht erlaubt"});
    QTest::addRow("protocol: IotHubTopic::parse")
        << MessageSource([] { return IotHubTopic::parse(QString()).error().message(); })
        << fragments({"IoT Hub akzeptiert das MQTT-Topic", "es ist leer."});
    QTest::addRow("protocol: JsonFieldReader via DeviceIdentity::fromJson") << MessageSource([] {
        return DeviceIdentity::fromJson(QJsonObject {{QStringLiteral("deviceId"), 5}}).error().message();
    }) << fragments({"deviceId: muss Text sein.", "Die Geräteidentität ist ungültig."});

    // iothub: the service client's mapping of an HTTP answer, DeviceTwin.
    QTest::addRow("iothub: IotHubServiceClient 404") << MessageSource([] {
        FakeNetworkAccessManager nam;
        ManualClock clock;
        IotHubCredentials credentials;
        credentials.hostName = QStringLiteral("myhub.azure-devices.net");
        credentials.policyName = QStringLiteral("iothubowner");
        credentials.policyKey = QByteArray("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        nam.on("GET", QStringLiteral("/devices/d1"),
               FakeNetworkAccessManager::json(
                   404,
                   QJsonObject {{QStringLiteral("errorCode"), 404001},
                                {QStringLiteral("message"), QStringLiteral("Device not found")}}));
        IotHubServiceClient client(&nam, credentials, nullptr, &clock);
        QFuture<Result<DeviceIdentity>> future = client.getDevice(QStringLiteral("d1"));
        if (!QTest::qWaitFor([&future] { return future.isFinished(); }, 5000))
            return QStringLiteral("<the request did not finish>");
        return future.result().error().toString();
    })
                                                     << fragments({"Lesen des IoT-Hub-Geräts „d1“ fehlgeschlagen: ",
                                                                   "Das Gerät „d1“ existiert im Hub „myhub“ nicht."});
    QTest::addRow("iothub: DeviceTwin::fromJson") << MessageSource([] {
        return DeviceTwin::fromJson(QJsonObject {{QStringLiteral("deviceId"), QStringLiteral("d1")},
                                                 {QStringLiteral("status"), QStringLiteral("sleeping")}})
            .error()
            .message();
    }) << fragments({"muss „enabled“ oder „disabled“ sein.", "Der Gerätezwilling ist ungültig."});

    // tts: TtsError's mapping of an HTTP answer, TtsRights with a plural form.
    QTest::addRow("tts: TtsError::toServiceError 404") << MessageSource([] {
        TtsError::Context context;
        context.operation = QStringLiteral("x");
        context.applicationId = QStringLiteral("app1");
        context.deviceId = QStringLiteral("dev1");
        return TtsError::toServiceError(
                   404, R"json({"code":5,"message":"error:pkg/registry:not_found (not found)"})json", context)
            .message();
    }) << fragments({"Das Gerät „dev1“ existiert in der Anwendung „app1“ nicht."});
    QTest::addRow("tts: TtsRights::missingReport")
        << MessageSource([] { return TtsRights().missingReport(TtsRights::Operation::ReadDevices); })
        << fragments({"Dem API-Schlüssel fehlt 1 Recht, das für das Lesen von Geräten nötig ist",
                      "Damit kann der Schlüssel Geräte ansehen"});

    // azure: Entra ID (sign-in), ARM (CloudError), EntraAuthority.
    QTest::addRow("azure: EntraError::fromResponse") << MessageSource([] {
        return EntraError::fromResponse(401, R"({"error":"invalid_client","error_codes":[7000215]})",
                                        QStringLiteral("x"))
            .message();
    }) << fragments({"Der geheime Clientschlüssel ist falsch oder abgelaufen."});
    QTest::addRow("azure: CloudError::toServiceError") << MessageSource([] {
        const std::optional<CloudError> error =
            CloudError::fromBody(R"({"error":{"code":"AuthorizationFailed","message":"No access."}})");
        return error ? error->toServiceError(403, QStringLiteral("x")).message() : QStringLiteral("<not parsed>");
    }) << fragments({"Ihrem Konto fehlt dafür die Berechtigung."});
    QTest::addRow("azure: EntraAuthority::validate") << MessageSource([] {
        EntraAuthority authority;
        authority.tenant = QStringLiteral("not a tenant");
        return authority.validate(false).error().message();
    }) << fragments({"Der Mandant „not a tenant“ ist ungültig."});

    // secrets and settings.
    QTest::addRow("secrets: SecretStore::notConfiguredError")
        << MessageSource([] { return SecretStore::notConfiguredError(SecretKind::TtsApiKey).message(); })
        << fragments({"Für dieses Verbindungsprofil ist kein Wert für „TTS-API-Schlüssel“ gespeichert."});
    QTest::addRow("settings: ConnectionProfile::validate") << MessageSource([] {
        ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("p"));
        profile.tts.applicationId = QStringLiteral("My-App");
        return issueOf(profile, ProfileField::TtsApplicationId);
    }) << fragments({"Die Anwendungs-ID „My-App“ enthält Großbuchstaben"});
}

void TestGermanMessages::messagesAreGerman()
{
    QFETCH(MessageSource, source);
    QFETCH(QStringList, german);

    setGerman(false);
    const QString english = source();
    setGerman(true);
    const QString translated = source();
    setGerman(false);

    QVERIFY2(translated != english, qPrintable(QStringLiteral("still English: ") + translated));
    for (const QString &fragment : std::as_const(german)) {
        QVERIFY2(
            translated.contains(fragment),
            qPrintable(QStringLiteral("\"%1\" lacks \"%2\" (English: \"%3\")").arg(translated, fragment, english)));
    }
}

QTEST_GUILESS_MAIN(TestGermanMessages)
#include "tst_germanmessages.moc"
