#include "services/azure/EntraError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TwinBridge;
using Kind = ServiceError::Kind;

Q_DECLARE_METATYPE(TwinBridge::ServiceError::Kind)

class TestEntraError : public QObject
{
    Q_OBJECT

private slots:
    void mapsErrorBodies_data();
    void mapsErrorBodies();
    void detailCarriesCodesAndIds();
    void secretsAreRedacted();
    void unparsableBodies_data();
    void unparsableBodies();
    void localExpiry();
};

static QByteArray entraBody(const QString &error, const QString &description, const QList<int> &codes)
{
    QJsonArray codeArray;
    for (int code : codes)
        codeArray.append(code);
    return QJsonDocument(QJsonObject {{QStringLiteral("error"), error},
                                      {QStringLiteral("error_description"), description},
                                      {QStringLiteral("error_codes"), codeArray},
                                      {QStringLiteral("timestamp"), QStringLiteral("2026-01-01 00:00:00Z")},
                                      {QStringLiteral("trace_id"), QStringLiteral("trace-1")},
                                      {QStringLiteral("correlation_id"), QStringLiteral("corr-1")}})
        .toJson(QJsonDocument::Compact);
}

void TestEntraError::mapsErrorBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QList<int>>("codes");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("words");
    QTest::addRow("invalid_client") << 401 << "invalid_client" << QList<int> {} << Kind::Unauthorized
                                    << "client secret";
    QTest::addRow("invalid_client secret expired")
        << 401 << "invalid_client" << QList<int> {7000222} << Kind::Unauthorized << "new secret";
    QTest::addRow("invalid_scope") << 400 << "invalid_scope" << QList<int> {70011} << Kind::BadRequest << "scope";
    QTest::addRow("unauthorized_client") << 400 << "unauthorized_client" << QList<int> {} << Kind::Forbidden
                                         << "Allow public client flows";
    QTest::addRow("unauthorized_client app missing")
        << 400 << "unauthorized_client" << QList<int> {700016} << Kind::NotConfigured << "not found in this tenant";
    QTest::addRow("invalid_request tenant")
        << 400 << "invalid_request" << QList<int> {90002} << Kind::NotConfigured << "tenant was not found";
    QTest::addRow("invalid_client public flows off")
        << 401 << "invalid_client" << QList<int> {7000218} << Kind::NotConfigured << "Allow public client flows";
    QTest::addRow("invalid_grant") << 400 << "invalid_grant" << QList<int> {70008} << Kind::Unauthorized
                                   << "Sign in again";
    QTest::addRow("interaction_required mfa")
        << 400 << "interaction_required" << QList<int> {50076} << Kind::Unauthorized << "Multi-factor";
    QTest::addRow("invalid_grant conditional access")
        << 400 << "invalid_grant" << QList<int> {53003} << Kind::Forbidden << "Conditional Access";
    QTest::addRow("expired_token") << 400 << "expired_token" << QList<int> {70020} << Kind::Timeout << "expired";
    QTest::addRow("authorization_declined")
        << 400 << "authorization_declined" << QList<int> {} << Kind::Canceled << "declined";
    QTest::addRow("bad_verification_code")
        << 400 << "bad_verification_code" << QList<int> {} << Kind::BadRequest << "device code";
    QTest::addRow("temporarily_unavailable")
        << 503 << "temporarily_unavailable" << QList<int> {} << Kind::Unavailable << "few minutes";
    QTest::addRow("unknown 500") << 500 << "server_error" << QList<int> {} << Kind::ServerError << "few minutes";
    QTest::addRow("unknown 429") << 429 << "throttled" << QList<int> {} << Kind::Throttled << "throttling";
    QTest::addRow("unknown 403") << 403 << "access_denied" << QList<int> {} << Kind::Forbidden << "details";
}

void TestEntraError::mapsErrorBodies()
{
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QList<int>, codes);
    QFETCH(Kind, kind);
    QFETCH(QString, words);
    const ServiceError result = EntraError::fromResponse(
        status, entraBody(error, QStringLiteral("AADSTS: text"), codes), QStringLiteral("sign in"));
    QCOMPARE(result.kind(), kind);
    QCOMPARE(result.code(), error);
    QCOMPARE(result.httpStatus(), status);
    QCOMPARE(result.operation(), QStringLiteral("sign in"));
    QVERIFY2(result.message().contains(words), qPrintable(result.message()));
    QVERIFY(result.toString().startsWith(QStringLiteral("Could not sign in: ")));
}

void TestEntraError::detailCarriesCodesAndIds()
{
    const ServiceError result = EntraError::fromResponse(
        400,
        entraBody(QStringLiteral("invalid_scope"),
                  QStringLiteral("AADSTS70011: The provided value for scope x is not valid."), {70011}),
        QStringLiteral("sign in"));
    QVERIFY(result.detail().contains(QStringLiteral("invalid_scope: AADSTS70011: The provided value")));
    QVERIFY(result.detail().contains(QStringLiteral("codes: AADSTS70011")));
    QVERIFY(result.detail().contains(QStringLiteral("trace_id: trace-1")));
    QVERIFY(result.detail().contains(QStringLiteral("correlation_id: corr-1")));
}

void TestEntraError::secretsAreRedacted()
{
    const QString secret = QStringLiteral("Sup3r~Secret.Value");
    const ServiceError result =
        EntraError::fromResponse(401,
                                 entraBody(QStringLiteral("invalid_client"),
                                           QStringLiteral("Invalid client secret %1 provided.").arg(secret), {7000215}),
                                 QStringLiteral("sign in"), {secret, QString()});
    QVERIFY(!result.detail().contains(secret));
    QVERIFY(!result.message().contains(secret));
    QVERIFY(result.detail().contains(QStringLiteral("[redacted]")));
    QCOMPARE(EntraError::redact(QStringLiteral("a xyzw b"), {QStringLiteral("xyzw"), QStringLiteral("a")}),
             QStringLiteral("a [redacted] b")); // too short values are left alone
}

void TestEntraError::unparsableBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addRow("html 502") << 502 << QByteArray("<html>Bad gateway</html>") << Kind::ServerError;
    QTest::addRow("empty 400") << 400 << QByteArray() << Kind::BadRequest;
    QTest::addRow("json without error") << 401 << QByteArray("{\"message\":\"no\"}") << Kind::Unauthorized;
    QTest::addRow("array") << 404 << QByteArray("[]") << Kind::NotFound;
}

void TestEntraError::unparsableBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    const ServiceError result = EntraError::fromResponse(status, body, QStringLiteral("sign in"));
    QCOMPARE(result.kind(), kind);
    QVERIFY(result.code().isEmpty());
    QVERIFY(result.message().contains(QStringLiteral("authority host")));
    QVERIFY(result.detail().contains(QString::number(status)));
}

void TestEntraError::localExpiry()
{
    const ServiceError result = EntraError::deviceCodeExpired(QStringLiteral("sign in"));
    QCOMPARE(result.kind(), Kind::Timeout);
    QCOMPARE(result.code(), QStringLiteral("expired_token"));
    QVERIFY(result.message().contains(QStringLiteral("15 minutes")));
}

QTEST_GUILESS_MAIN(TestEntraError)
#include "tst_entraerror.moc"
