// ArmTemplateEngine::prepare on an arbitrary deployment request {"template": …, "parameters": …} (or a bare
// template): whatever Resource Manager's preflight would refuse comes back as an InvalidTemplate-style error,
// never a crash. Every template it accepts prepares again to the same hash and resource order, and its
// resources and outputs evaluate (against a reader that knows no deployed resource, so reference() and
// listKeys() fail cleanly) without crashing.

#include "FuzzCheck.h"

#include "sandbox/arm/ArmResourceReader.h"
#include "sandbox/arm/ArmTemplateEngine.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

class EmptyReader final : public ArmResourceReader
{
public:
    Result<QJsonValue> reference(const QString &resourceId, const QString &, bool) override
    {
        return ServiceError(ServiceError::Kind::NotFound,
                            QStringLiteral("The resource %1 was not found.").arg(resourceId.left(100)))
            .setCode(QStringLiteral("ResourceNotFound"));
    }
    Result<QJsonValue> listAction(const QString &action, const QString &resourceId, const QString &) override
    {
        return ServiceError(ServiceError::Kind::NotFound,
                            QStringLiteral("%1 on %2: not found.").arg(action.left(50), resourceId.left(100)))
            .setCode(QStringLiteral("ResourceNotFound"));
    }
};

ArmTemplateEngine::Scope fuzzScope()
{
    ArmTemplateEngine::Scope scope;
    scope.subscriptionId = QStringLiteral("f9943056-8fc6-4ba7-8d52-06537232ebb8");
    scope.subscriptionDisplayName = QStringLiteral("Sandbox");
    scope.tenantId = QStringLiteral("988728de-578c-4327-a596-0b2b5c45cb2d");
    scope.resourceGroup = QStringLiteral("rg-fuzz");
    scope.resourceGroupLocation = QStringLiteral("westeurope");
    scope.deploymentName = QStringLiteral("fuzz");
    return scope;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonObject request = document.object();
    const bool wrapped = request.value(QStringLiteral("template")).isObject();
    const QJsonObject templateJson = wrapped ? request.value(QStringLiteral("template")).toObject() : request;
    const QJsonObject parameters = request.value(QStringLiteral("parameters")).toObject();

    const Result<ArmTemplateEngine> prepared = ArmTemplateEngine::prepare(templateJson, parameters, fuzzScope());
    if (!prepared) {
        FUZZ_CHECK(!prepared.error().message().isEmpty());
        return 0;
    }
    const ArmTemplateEngine &engine = prepared.value();

    const Result<ArmTemplateEngine> again = ArmTemplateEngine::prepare(templateJson, parameters, fuzzScope());
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value().templateHash() == engine.templateHash());
    FUZZ_CHECK(again.value().resources().size() == engine.resources().size());
    for (qsizetype i = 0; i < engine.resources().size(); ++i) {
        const ArmTemplateEngine::Resource &resource = engine.resources().at(i);
        FUZZ_CHECK(again.value().resources().at(i).id == resource.id);
        FUZZ_CHECK(engine.indexOf(resource.id) == int(i));
        // Every dependency comes first.
        for (const QString &dependency : resource.dependsOn) {
            const int at = engine.indexOf(dependency);
            FUZZ_CHECK(at >= 0 && at < int(i));
        }
    }

    EmptyReader reader;
    for (int i = 0; i < int(engine.resources().size()); ++i) {
        const Result<QJsonObject> evaluated = engine.evaluateResource(i, &reader);
        if (!evaluated)
            FUZZ_CHECK(!evaluated.error().message().isEmpty());
    }
    const Result<QJsonObject> outputs = engine.evaluateOutputs(&reader);
    if (!outputs)
        FUZZ_CHECK(!outputs.error().message().isEmpty());
    (void)engine.parametersForDisplay();
    return 0;
}
