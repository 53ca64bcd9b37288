#include "services/azure/CloudError.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;
using Kind = ServiceError::Kind;

Q_DECLARE_METATYPE(TwinBridge::ServiceError::Kind)

namespace {

// The 400 answer of the validate example in the 2025-04-01 deployments spec (azure-protocols.md §5.2).
const QByteArray kInvalidTemplate = R"({"error":{"code":"InvalidTemplateDeployment",
 "message":"The template deployment 'my-deployment' is not valid according to the validation procedure. The tracking id is 'dccf336d-c3ee-4057-a902-9efc0e023cd0'. See inner errors for details.",
 "details":[{"code":"PreflightValidationCheckFailed","message":"Preflight validation failed. Please refer to the details for the specific errors.",
   "details":[{"code":"AccountNameInvalid","target":"a","message":"a is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only."}]}]}})";

} // namespace

class TestCloudError : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void nestedDetailsNameTheInnermostProblem();
    void severalProblemsAreCounted();
    void additionalInfoIsKept();
    void statusAndCodeDecideKindAndHint_data();
    void statusAndCodeDecideKindAndHint();
    void unparsedResponses();
};

void TestCloudError::parses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("innermostCode");
    QTest::addColumn<int>("lines");
    QTest::addRow("envelope") << QByteArray(R"({"error":{"code":"A","message":"m"}})") << true << "A"
                              << "A" << 1;
    QTest::addRow("bare") << QByteArray(R"({"code":"B","message":"m"})") << true << "B"
                          << "B" << 1;
    QTest::addRow("nested") << kInvalidTemplate << true << "InvalidTemplateDeployment"
                            << "AccountNameInvalid" << 3;
    QTest::addRow("message only") << QByteArray(R"({"error":{"message":"only text"}})") << true << ""
                                  << "" << 1;
    QTest::addRow("empty object") << QByteArray("{}") << false << ""
                                  << "" << 0;
    QTest::addRow("not json") << QByteArray("<html>") << false << ""
                              << "" << 0;
    QTest::addRow("array") << QByteArray("[1]") << false << ""
                           << "" << 0;
    QTest::addRow("odd detail skipped")
        << QByteArray(R"({"error":{"code":"C","message":"m","details":[7,{"code":"D","message":"n"}]}})") << true << "C"
        << "D" << 2;
}

void TestCloudError::parses()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QFETCH(QString, code);
    QFETCH(QString, innermostCode);
    QFETCH(int, lines);
    const auto error = CloudError::fromBody(body);
    QCOMPARE(bool(error), valid);
    if (!error)
        return;
    QCOMPARE(error->code, code);
    QCOMPARE(error->innermost().code, innermostCode);
    QCOMPARE(error->flatten().size(), lines);
    // toJson round-trips.
    QCOMPARE(CloudError::fromJson(error->toJson())->flatten(), error->flatten());
}

void TestCloudError::nestedDetailsNameTheInnermostProblem()
{
    const auto cloudError = CloudError::fromBody(kInvalidTemplate);
    QVERIFY(cloudError);
    const ServiceError error = cloudError->toServiceError(400, QStringLiteral("validate deployment dep1"));
    QCOMPARE(error.kind(), Kind::BadRequest);
    QCOMPARE(error.code(), QStringLiteral("InvalidTemplateDeployment"));
    QCOMPARE(error.httpStatus(), 400);
    QVERIFY(error.message().startsWith(QStringLiteral("The template deployment 'my-deployment' is not valid")));
    QVERIFY(error.message().contains(QStringLiteral("AccountNameInvalid: a is not a valid storage account name.")));
    QVERIFY(!error.message().contains(QStringLiteral("Preflight validation failed")));
    const QStringList detail = error.detail().split(QLatin1Char('\n'));
    QCOMPARE(detail.size(), 3);
    QVERIFY(detail.at(0).startsWith(QStringLiteral("InvalidTemplateDeployment: The template deployment")));
    QVERIFY(detail.at(1).startsWith(QStringLiteral("  PreflightValidationCheckFailed: Preflight validation failed.")));
    QVERIFY(detail.at(2).startsWith(QStringLiteral("    AccountNameInvalid (target: a): a is not a valid")));
    QCOMPARE(error.payload().toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("InvalidTemplateDeployment"));
    QVERIFY(error.toString().startsWith(QStringLiteral("Could not validate deployment dep1: The template deployment")));
}

void TestCloudError::severalProblemsAreCounted()
{
    const auto cloudError = CloudError::fromBody(
        R"({"error":{"code":"DeploymentFailed","message":"At least one resource deployment operation failed.",
        "details":[{"code":"Conflict","message":"{\"status\":\"Failed\"}","details":[{"code":"IotHubNameNotAvailable","message":"IotHub name 'hub1' is not available"}]},
                   {"code":"StorageAccountAlreadyTaken","message":"The storage account named st1 is already taken."}]}})");
    QVERIFY(cloudError);
    QCOMPARE(cloudError->leafCount(), 2);
    const ServiceError error = cloudError->toServiceError(0, QStringLiteral("deploy dep1"));
    QCOMPARE(error.kind(), Kind::Conflict); // inferred from the codes: no HTTP status for a failed deployment
    QVERIFY(error.message().contains(QStringLiteral("IotHubNameNotAvailable: IotHub name 'hub1' is not available.")));
    QVERIFY(error.message().contains(QStringLiteral("1 more problem")));
    QVERIFY(error.detail().contains(QStringLiteral("StorageAccountAlreadyTaken")));
}

void TestCloudError::additionalInfoIsKept()
{
    const auto cloudError = CloudError::fromBody(
        R"({"error":{"code":"RequestDisallowedByPolicy","message":"Resource 'hub1' was disallowed by policy.",
        "additionalInfo":[{"type":"PolicyViolation","info":{"policyDefinitionDisplayName":"Allowed locations"}}]}})");
    QVERIFY(cloudError);
    QCOMPARE(cloudError->additionalInfo.size(), 1);
    const ServiceError error = cloudError->toServiceError(403, QStringLiteral("deploy"));
    QCOMPARE(error.kind(), Kind::Forbidden);
    QVERIFY(error.message().contains(QStringLiteral("Azure Policy")));
    QVERIFY(error.detail().contains(QStringLiteral("[additionalInfo: PolicyViolation]")));
}

void TestCloudError::statusAndCodeDecideKindAndHint_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("words");
    QTest::addRow("400") << 400 << "InvalidParameter" << Kind::BadRequest << "Correct the values";
    QTest::addRow("401") << 401 << "InvalidAuthenticationToken" << Kind::Unauthorized << "Sign in to Azure again";
    QTest::addRow("403") << 403 << "AuthorizationFailed" << Kind::Forbidden << "Contributor";
    QTest::addRow("404 rg") << 404 << "ResourceGroupNotFound" << Kind::NotFound << "right subscription";
    QTest::addRow("404 subscription") << 404 << "SubscriptionNotFound" << Kind::NotFound << "subscription exists";
    QTest::addRow("409") << 409 << "ResourceGroupBeingDeleted" << Kind::Conflict << "Wait for other operations";
    QTest::addRow("409 registration") << 409 << "MissingSubscriptionRegistration" << Kind::Conflict
                                      << "Register the resource provider";
    QTest::addRow("412") << 412 << "PreconditionFailed" << Kind::PreconditionFailed << "Reload";
    QTest::addRow("429") << 429 << "TooManyRequests" << Kind::Throttled << "throttling";
    QTest::addRow("500") << 500 << "InternalServerError" << Kind::ServerError << "Azure's side";
    QTest::addRow("503") << 503 << "ServiceUnavailable" << Kind::Unavailable << "Azure's side";
    QTest::addRow("quota") << 0 << "QuotaExceeded" << Kind::Forbidden << "quota";
    QTest::addRow("not found inferred") << 0 << "ParentResourceNotFound" << Kind::NotFound << "exists";
}

void TestCloudError::statusAndCodeDecideKindAndHint()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(Kind, kind);
    QFETCH(QString, words);
    CloudError cloudError;
    cloudError.code = code;
    cloudError.message = QStringLiteral("Azure says no");
    const ServiceError error = cloudError.toServiceError(status, QStringLiteral("do it"));
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.code(), code);
    QVERIFY2(error.message().startsWith(QStringLiteral("Azure says no.")), qPrintable(error.message()));
    QVERIFY2(error.message().contains(words), qPrintable(error.message()));
}

void TestCloudError::unparsedResponses()
{
    const ServiceError error =
        CloudError::fromUnparsedResponse(502, "<html>Bad Gateway</html>", QStringLiteral("do it"));
    QCOMPARE(error.kind(), Kind::ServerError);
    QVERIFY(error.message().contains(QStringLiteral("HTTP 502")));
    QVERIFY(error.detail().contains(QStringLiteral("Bad Gateway")));
    QCOMPARE(error.operation(), QStringLiteral("do it"));
}

QTEST_GUILESS_MAIN(TestCloudError)
#include "tst_clouderror.moc"
