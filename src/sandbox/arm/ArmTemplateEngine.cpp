#include "sandbox/arm/ArmTemplateEngine.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmExpression.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ArmTemplateEngine", text);
}

CloudError detail(const QString &code, const QString &message, const QString &target = {})
{
    CloudError error;
    error.code = code;
    error.message = message;
    error.target = target;
    return error;
}

// A problem with one parameter: InvalidTemplate with a MissingParameter / InvalidParameter detail.
ServiceError parameterError(const QString &code, const QString &parameter, const QString &problem)
{
    return ArmErrors::invalidTemplate(problem, parameter, {detail(code, problem, parameter)});
}

bool isDeferred(const ServiceError &error)
{
    return error.code() == QLatin1String(ArmExpression::DeferredCode);
}

bool isWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return d == double(qint64(d));
}

} // namespace

// --- shared state and the evaluation context ---------------------------------------------------------------

struct ArmTemplateEngine::State
{
    Scope scope;
    QJsonObject parameterDefinitions; // as declared
    QHash<QString, QString> parameterNames; // lower → declared
    QHash<QString, QJsonValue> provided; // lower → value given with the deployment
    QHash<QString, QJsonValue> parameters; // lower → resolved value
    QHash<QString, QString> parameterTypes; // lower → canonical type
    QSet<QString> resolvingParameters;
    QJsonObject variableDefinitions;
    QHash<QString, QString> variableNames; // lower → declared
    QHash<QString, QJsonValue> variables; // lower → resolved
    QSet<QString> resolvingVariables;
    QList<QPair<QString, QString>> resourceNames; // name → id of the template's resources

    Result<QJsonValue> resolveParameter(const QString &name);
    Result<QJsonValue> resolveVariable(const QString &name);
    QString idForName(const QString &nameOrId) const;
};

namespace {

class EngineContext : public ArmExpressionContext
{
public:
    enum class Mode { Parameters, Variables, Preflight, Runtime };

    EngineContext(ArmTemplateEngine::State &state, Mode mode, ArmResourceReader *reader = nullptr)
        : m_state(state)
        , m_mode(mode)
        , m_reader(reader)
    { }

    QStringList references; // ids read by reference()/list*() (preflight)

    Result<QJsonValue> parameter(const QString &name) override { return m_state.resolveParameter(name); }

    Result<QJsonValue> variable(const QString &name) override
    {
        if (m_mode == Mode::Parameters) {
            return ArmErrors::make(400, QLatin1String(ArmExpression::InvalidTemplateCode),
                                   tr("The template function 'variables' is not expected at this location: the "
                                      "default value of a parameter can't use variables."));
        }
        return m_state.resolveVariable(name);
    }

    QJsonObject resourceGroup() const override
    {
        const ArmTemplateEngine::Scope &scope = m_state.scope;
        return QJsonObject {
            {QStringLiteral("id"), scope.resourceGroupId()},
            {QStringLiteral("name"), scope.resourceGroup},
            {QStringLiteral("type"), QStringLiteral("Microsoft.Resources/resourceGroups")},
            {QStringLiteral("location"), scope.resourceGroupLocation},
            {QStringLiteral("tags"), scope.resourceGroupTags},
            {QStringLiteral("properties"),
             QJsonObject {{QStringLiteral("provisioningState"), QStringLiteral("Succeeded")}}},
        };
    }

    QJsonObject subscription() const override
    {
        const ArmTemplateEngine::Scope &scope = m_state.scope;
        return QJsonObject {
            {QStringLiteral("id"), QStringLiteral("/subscriptions/%1").arg(scope.subscriptionId)},
            {QStringLiteral("subscriptionId"), scope.subscriptionId},
            {QStringLiteral("tenantId"), scope.tenantId},
            {QStringLiteral("displayName"), scope.subscriptionDisplayName},
        };
    }

    QJsonObject deployment() const override
    {
        return QJsonObject {
            {QStringLiteral("name"), m_state.scope.deploymentName},
            {QStringLiteral("properties"),
             QJsonObject {{QStringLiteral("mode"), m_state.scope.mode},
                          {QStringLiteral("provisioningState"), QStringLiteral("Accepted")}}},
        };
    }

    Result<QJsonValue> reference(const QString &resource, const QString &apiVersion, bool full) override
    {
        if (auto error = runtimeOnly(QStringLiteral("reference")))
            return *error;
        const QString id = m_state.idForName(resource);
        if (m_mode == Mode::Preflight)
            return deferred(id);
        if (!m_reader)
            return noReader();
        return m_reader->reference(id, apiVersion, full);
    }

    Result<QJsonValue> listAction(const QString &action, const QString &resourceId, const QString &apiVersion) override
    {
        if (auto error = runtimeOnly(action))
            return *error;
        const QString id = m_state.idForName(resourceId);
        if (m_mode == Mode::Preflight)
            return deferred(id);
        if (!m_reader)
            return noReader();
        return m_reader->listAction(action, id, apiVersion);
    }

private:
    std::optional<ServiceError> runtimeOnly(const QString &function) const
    {
        if (m_mode != Mode::Parameters && m_mode != Mode::Variables)
            return std::nullopt;
        return ArmErrors::make(400, QLatin1String(ArmExpression::InvalidTemplateCode),
                               tr("The template function '%1' is not expected at this location: it reads deployed "
                                  "resources and can only be used in resource properties and outputs. Please see "
                                  "https://aka.ms/arm-functions-resource for usage details.")
                                   .arg(function));
    }

    ServiceError deferred(const QString &id)
    {
        if (!references.contains(id, Qt::CaseInsensitive))
            references << id;
        ServiceError error = ServiceError::invalidInput(tr("The value is only known while the deployment runs."));
        error.setCode(QLatin1String(ArmExpression::DeferredCode));
        return error;
    }

    static ServiceError noReader()
    {
        return ArmErrors::make(500, QStringLiteral("InternalServerError"),
                               tr("The sandbox cannot read deployed resources here."));
    }

    ArmTemplateEngine::State &m_state;
    Mode m_mode;
    ArmResourceReader *m_reader;
};

// Evaluates every expression in a template value. With `keepDeferred`, expressions that need deployed resources
// stay as their text and *deferred is set. Errors name the property path.
Result<QJsonValue> evaluateTree(const QJsonValue &value, ArmExpressionContext &context, const QString &path,
                                bool keepDeferred, bool *deferred, int depth = 0)
{
    if (depth > 64)
        return ArmErrors::make(400, QLatin1String(ArmExpression::InvalidTemplateCode),
                               tr("'%1' nests more than 64 levels.").arg(path));
    if (value.isString()) {
        const QString text = value.toString();
        if (!ArmExpression::isExpression(text))
            return QJsonValue(ArmExpression::unescapeLiteral(text));
        Result<ArmExpression> expression = ArmExpression::parse(text);
        if (!expression) {
            ServiceError error = expression.error();
            QJsonObject payload = error.payload().toObject();
            payload.insert(QStringLiteral("path"), path);
            error.setPayload(payload);
            return error;
        }
        Result<QJsonValue> result = expression.value().evaluate(context);
        if (!result && keepDeferred && isDeferred(result.error())) {
            if (deferred)
                *deferred = true;
            return QJsonValue(text);
        }
        if (!result) {
            ServiceError error = result.error();
            if (!isDeferred(error) && error.payload().isNull())
                error.setPayload(QJsonObject {{QStringLiteral("path"), path}});
            return error;
        }
        return result;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QJsonObject result;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            QString key = it.key();
            const QString childPath = path.isEmpty() ? key : path + QLatin1Char('.') + key;
            if (ArmExpression::isExpression(key)) {
                bool keyDeferred = false;
                Result<QJsonValue> evaluatedKey = evaluateTree(key, context, childPath, false, &keyDeferred, depth + 1);
                if (!evaluatedKey)
                    return evaluatedKey;
                if (!evaluatedKey.value().isString())
                    return ArmErrors::make(400, QLatin1String(ArmExpression::InvalidTemplateCode),
                                           tr("The property name '%1' must evaluate to a string.").arg(key));
                key = evaluatedKey.value().toString();
            } else {
                key = ArmExpression::unescapeLiteral(key);
            }
            Result<QJsonValue> child = evaluateTree(it.value(), context, childPath, keepDeferred, deferred, depth + 1);
            if (!child)
                return child;
            result.insert(key, child.value());
        }
        return QJsonValue(result);
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        QJsonArray result;
        for (qsizetype i = 0; i < array.size(); ++i) {
            Result<QJsonValue> child = evaluateTree(array.at(i), context, QStringLiteral("%1[%2]").arg(path).arg(i),
                                                    keepDeferred, deferred, depth + 1);
            if (!child)
                return child;
            result.append(child.value());
        }
        return QJsonValue(result);
    }
    return value;
}

// "at 'properties.x'" for errors whose payload names a path.
QString pathOf(const ServiceError &error)
{
    return error.payload().toObject().value(QLatin1String("path")).toString();
}

QString typeOfValueFor(const QString &canonical)
{
    if (canonical == QLatin1String("String") || canonical == QLatin1String("SecureString"))
        return QStringLiteral("String");
    if (canonical == QLatin1String("Int"))
        return QStringLiteral("Integer");
    if (canonical == QLatin1String("Bool"))
        return QStringLiteral("Boolean");
    if (canonical == QLatin1String("Object") || canonical == QLatin1String("SecureObject"))
        return QStringLiteral("Object");
    return QStringLiteral("Array");
}

bool matchesType(const QString &canonical, const QJsonValue &value)
{
    if (canonical == QLatin1String("String") || canonical == QLatin1String("SecureString"))
        return value.isString();
    if (canonical == QLatin1String("Int"))
        return isWholeNumber(value);
    if (canonical == QLatin1String("Bool"))
        return value.isBool();
    if (canonical == QLatin1String("Object") || canonical == QLatin1String("SecureObject"))
        return value.isObject();
    if (canonical == QLatin1String("Array"))
        return value.isArray();
    return false;
}

} // namespace

Result<QJsonValue> ArmTemplateEngine::State::resolveParameter(const QString &name)
{
    const QString key = name.toLower();
    const auto done = parameters.constFind(key);
    if (done != parameters.constEnd())
        return *done;
    if (!parameterNames.contains(key)) {
        QStringList declared = parameterDefinitions.keys();
        return ArmErrors::make(400, QLatin1String(ArmExpression::InvalidTemplateCode),
                               tr("The template parameter '%1' is not found. The parameters of this template are "
                                  "'%2'.")
                                   .arg(name, declared.join(QLatin1String(", "))));
    }
    const QString declaredName = parameterNames.value(key);
    if (resolvingParameters.contains(key)) {
        return ArmErrors::invalidTemplate(
            tr("The default values of the template parameters refer to each other in a circle, through '%1'.")
                .arg(declaredName),
            declaredName);
    }
    const QJsonObject definition = parameterDefinitions.value(declaredName).toObject();
    const QString type = parameterTypes.value(key);
    QJsonValue value;
    if (provided.contains(key)) {
        value = provided.value(key);
    } else if (definition.contains(QLatin1String("defaultValue"))) {
        resolvingParameters.insert(key);
        EngineContext context(*this, EngineContext::Mode::Parameters);
        Result<QJsonValue> evaluated =
            evaluateTree(definition.value(QLatin1String("defaultValue")), context, {}, false, nullptr);
        resolvingParameters.remove(key);
        if (!evaluated) {
            if (evaluated.error().code() == QLatin1String("InvalidTemplate") &&
                evaluated.error().message().startsWith(QLatin1String("Deployment template validation failed")))
                return evaluated;
            return ArmErrors::invalidTemplate(
                tr("The template parameter '%1' is not valid: %2").arg(declaredName, evaluated.error().message()),
                declaredName);
        }
        value = evaluated.value();
    } else {
        return parameterError(QStringLiteral("MissingParameter"), declaredName,
                              tr("The value for the template parameter '%1' is not provided. Please see "
                                 "https://aka.ms/arm-create-parameter-file for usage details.")
                                  .arg(declaredName));
    }

    if (!matchesType(type, value)) {
        return parameterError(QStringLiteral("InvalidParameter"), declaredName,
                              tr("Template parameter '%1' was provided an invalid value. Expected a value of type "
                                 "'%2', but received a value of type '%3'.")
                                  .arg(declaredName, typeOfValueFor(type), ArmExpression::typeName(value)));
    }
    const bool secure = type.startsWith(QLatin1String("Secure"));
    const QString shown = secure ? QStringLiteral("(secure value)") : ArmExpression::toText(value).left(200);
    const QJsonValue allowed = definition.value(QLatin1String("allowedValues"));
    if (allowed.isArray()) {
        bool ok = false;
        QStringList names;
        for (const QJsonValue &candidate : allowed.toArray()) {
            names << ArmExpression::toText(candidate);
            if (value.isArray()) {
                // For arrays every element must be allowed; checked below.
                continue;
            }
            ok = ok || candidate == value;
        }
        if (value.isArray()) {
            ok = true;
            for (const QJsonValue &element : value.toArray())
                ok = ok && allowed.toArray().contains(element);
        }
        if (!ok) {
            return parameterError(QStringLiteral("InvalidParameter"), declaredName,
                                  tr("The provided value '%1' for the template parameter '%2' is not valid. The value "
                                     "is not part of the allowed value(s): '%3'.")
                                      .arg(shown, declaredName, names.join(QLatin1Char(','))));
        }
    }
    if (type == QLatin1String("Int")) {
        const double number = value.toDouble();
        const QJsonValue minValue = definition.value(QLatin1String("minValue"));
        const QJsonValue maxValue = definition.value(QLatin1String("maxValue"));
        if (minValue.isDouble() && number < minValue.toDouble()) {
            return parameterError(QStringLiteral("InvalidParameter"), declaredName,
                                  tr("The provided value '%1' for the template parameter '%2' is not valid. The value "
                                     "must be at least %3.")
                                      .arg(shown, declaredName, ArmExpression::toText(minValue)));
        }
        if (maxValue.isDouble() && number > maxValue.toDouble()) {
            return parameterError(QStringLiteral("InvalidParameter"), declaredName,
                                  tr("The provided value '%1' for the template parameter '%2' is not valid. The value "
                                     "must be at most %3.")
                                      .arg(shown, declaredName, ArmExpression::toText(maxValue)));
        }
    }
    if (value.isString() || value.isArray()) {
        const qsizetype length = value.isString() ? value.toString().size() : value.toArray().size();
        const QJsonValue minLength = definition.value(QLatin1String("minLength"));
        const QJsonValue maxLength = definition.value(QLatin1String("maxLength"));
        if (minLength.isDouble() && length < minLength.toDouble()) {
            return parameterError(QStringLiteral("InvalidParameter"), declaredName,
                                  tr("The provided value '%1' for the template parameter '%2' is not valid. Its length "
                                     "must be at least %3 (it is %4).")
                                      .arg(shown, declaredName, ArmExpression::toText(minLength))
                                      .arg(length));
        }
        if (maxLength.isDouble() && length > maxLength.toDouble()) {
            return parameterError(QStringLiteral("InvalidParameter"), declaredName,
                                  tr("The provided value '%1' for the template parameter '%2' is not valid. Its length "
                                     "must be at most %3 (it is %4).")
                                      .arg(shown, declaredName, ArmExpression::toText(maxLength))
                                      .arg(length));
        }
    }
    parameters.insert(key, value);
    return value;
}

Result<QJsonValue> ArmTemplateEngine::State::resolveVariable(const QString &name)
{
    const QString key = name.toLower();
    const auto done = variables.constFind(key);
    if (done != variables.constEnd())
        return *done;
    if (!variableNames.contains(key)) {
        return ArmErrors::make(400, QLatin1String(ArmExpression::InvalidTemplateCode),
                               tr("The template variable '%1' is not found. Please see "
                                  "https://aka.ms/arm-syntax-variables for usage details.")
                                   .arg(name));
    }
    const QString declaredName = variableNames.value(key);
    if (resolvingVariables.contains(key)) {
        return ArmErrors::invalidTemplate(
            tr("The template variables refer to each other in a circle, through '%1'.").arg(declaredName),
            declaredName);
    }
    resolvingVariables.insert(key);
    EngineContext context(*this, EngineContext::Mode::Variables);
    Result<QJsonValue> value = evaluateTree(variableDefinitions.value(declaredName), context, {}, false, nullptr);
    resolvingVariables.remove(key);
    if (!value) {
        if (value.error().message().startsWith(QLatin1String("Deployment template validation failed")))
            return value;
        return ArmErrors::invalidTemplate(
            tr("The template variable '%1' is not valid: %2").arg(declaredName, value.error().message()), declaredName);
    }
    variables.insert(key, value.value());
    return value;
}

QString ArmTemplateEngine::State::idForName(const QString &nameOrId) const
{
    if (nameOrId.startsWith(QLatin1Char('/')))
        return nameOrId;
    for (const auto &entry : resourceNames) {
        if (entry.first.compare(nameOrId, Qt::CaseInsensitive) == 0)
            return entry.second;
    }
    return nameOrId;
}

// --- ArmTemplateEngine -------------------------------------------------------------------------------------

QString ArmTemplateEngine::Scope::resourceGroupId() const
{
    return QStringLiteral("/subscriptions/%1/resourceGroups/%2").arg(subscriptionId, resourceGroup);
}

ArmTemplateEngine::ArmTemplateEngine()
    : m_state(std::make_shared<State>())
{ }

QString ArmTemplateEngine::canonicalType(const QString &type)
{
    static const char *const types[] = {"String", "SecureString", "Int", "Bool", "Object", "SecureObject", "Array"};
    for (const char *candidate : types) {
        if (type.compare(QLatin1String(candidate), Qt::CaseInsensitive) == 0)
            return QLatin1String(candidate);
    }
    return {};
}

Result<ArmTemplateEngine> ArmTemplateEngine::prepare(const QJsonObject &templateJson,
                                                     const QJsonObject &parameterValues, const Scope &scope)
{
    ArmTemplateEngine engine;
    engine.m_scope = scope;
    State &state = *engine.m_state;
    state.scope = scope;

    // The template's own members.
    static const QStringList knownMembers = {
        QStringLiteral("$schema"),         QStringLiteral("contentVersion"), QStringLiteral("apiProfile"),
        QStringLiteral("parameters"),      QStringLiteral("variables"),      QStringLiteral("functions"),
        QStringLiteral("resources"),       QStringLiteral("outputs"),        QStringLiteral("metadata"),
        QStringLiteral("languageVersion"), QStringLiteral("definitions"),
    };
    for (auto it = templateJson.constBegin(); it != templateJson.constEnd(); ++it) {
        if (!knownMembers.contains(it.key(), Qt::CaseInsensitive)) {
            return ArmErrors::invalidTemplate(
                tr("The template property '%1' is not allowed. A template has $schema, contentVersion, parameters, "
                   "variables, resources and outputs.")
                    .arg(it.key()),
                it.key());
        }
    }
    const QJsonValue schema = templateJson.value(QLatin1String("$schema"));
    if (!schema.isString() ||
        !schema.toString().contains(QLatin1String("deploymentTemplate.json"), Qt::CaseInsensitive)) {
        return ArmErrors::invalidTemplate(
            tr("The template's '$schema' is missing or is not a deployment template schema (for a resource group: "
               "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#)."),
            QStringLiteral("$schema"));
    }
    if (schema.toString().contains(QLatin1String("subscriptionDeploymentTemplate"), Qt::CaseInsensitive) ||
        schema.toString().contains(QLatin1String("managementGroupDeploymentTemplate"), Qt::CaseInsensitive) ||
        schema.toString().contains(QLatin1String("tenantDeploymentTemplate"), Qt::CaseInsensitive)) {
        return ArmErrors::invalidTemplate(
            tr("The template is for another deployment scope ('%1'); this deployment is to a resource group.")
                .arg(schema.toString()),
            QStringLiteral("$schema"));
    }
    static const QRegularExpression versionPattern(QStringLiteral("^(\\d+\\.){3}\\d+$"));
    const QJsonValue contentVersion = templateJson.value(QLatin1String("contentVersion"));
    if (!contentVersion.isString() || !versionPattern.match(contentVersion.toString()).hasMatch()) {
        return ArmErrors::invalidTemplate(
            tr("The template's 'contentVersion' is missing or not of the form '1.0.0.0'."),
            QStringLiteral("contentVersion"));
    }
    engine.m_contentVersion = contentVersion.toString();
    const QJsonValue languageVersion = templateJson.value(QLatin1String("languageVersion"));
    if (!languageVersion.isUndefined()) {
        return ArmErrors::invalidTemplate(
            tr("Templates with languageVersion '%1' (symbolic resource names) are not supported by the sandbox; "
               "compile Bicep without that feature.")
                .arg(ArmExpression::toText(languageVersion)),
            QStringLiteral("languageVersion"));
    }
    const QJsonValue functions = templateJson.value(QLatin1String("functions"));
    if (functions.isArray() && !functions.toArray().isEmpty()) {
        return ArmErrors::invalidTemplate(tr("User-defined functions are not supported by the sandbox."),
                                          QStringLiteral("functions"));
    }
    for (const char *member : {"parameters", "variables", "outputs"}) {
        const QJsonValue value = templateJson.value(QLatin1String(member));
        if (!value.isUndefined() && !value.isNull() && !value.isObject())
            return ArmErrors::invalidTemplate(tr("The template's '%1' must be an object.").arg(QLatin1String(member)),
                                              QLatin1String(member));
    }
    const QJsonValue resources = templateJson.value(QLatin1String("resources"));
    if (!resources.isArray())
        return ArmErrors::invalidTemplate(tr("The template's 'resources' must be an array."),
                                          QStringLiteral("resources"));

    // Parameters: declarations, then the values given.
    state.parameterDefinitions = templateJson.value(QLatin1String("parameters")).toObject();
    if (state.parameterDefinitions.size() > MaxParameters) {
        return ArmErrors::invalidTemplate(tr("The template has %1 parameters; at most %2 are allowed.")
                                              .arg(state.parameterDefinitions.size())
                                              .arg(MaxParameters));
    }
    for (auto it = state.parameterDefinitions.constBegin(); it != state.parameterDefinitions.constEnd(); ++it) {
        const QString name = it.key();
        if (!it.value().isObject()) {
            return ArmErrors::invalidTemplate(
                tr("The template parameter '%1' must be an object with a 'type'.").arg(name), name);
        }
        const QString type = canonicalType(it.value().toObject().value(QLatin1String("type")).toString());
        if (type.isEmpty()) {
            return ArmErrors::invalidTemplate(
                tr("The template parameter '%1' has the type '%2'; allowed are string, securestring, int, bool, "
                   "object, secureObject and array.")
                    .arg(name, it.value().toObject().value(QLatin1String("type")).toString()),
                name);
        }
        const QString key = name.toLower();
        if (state.parameterNames.contains(key))
            return ArmErrors::invalidTemplate(tr("The template parameter '%1' is declared twice.").arg(name), name);
        state.parameterNames.insert(key, name);
        state.parameterTypes.insert(key, type);
    }
    QStringList unknown;
    for (auto it = parameterValues.constBegin(); it != parameterValues.constEnd(); ++it) {
        const QString key = it.key().toLower();
        if (!state.parameterNames.contains(key)) {
            unknown << it.key();
            continue;
        }
        if (!it.value().isObject() || !it.value().toObject().contains(QLatin1String("value"))) {
            if (it.value().toObject().contains(QLatin1String("reference"))) {
                return parameterError(QStringLiteral("InvalidParameter"), it.key(),
                                      tr("The template parameter '%1' refers to a Key Vault secret; the sandbox has no "
                                         "Key Vault. Give the value itself.")
                                          .arg(it.key()));
            }
            return parameterError(
                QStringLiteral("InvalidParameter"), it.key(),
                tr("The value of the template parameter '%1' must be given as {\"value\": …}.").arg(it.key()));
        }
        state.provided.insert(key, it.value().toObject().value(QLatin1String("value")));
    }
    if (!unknown.isEmpty()) {
        const QString problem =
            tr("The template parameters '%1' in the parameters file are not valid; they are not present in the "
               "original template and can therefore not be provided at deployment time. The only supported "
               "parameters for this template are '%2'. Please see https://aka.ms/arm-pass-parameter-values for usage "
               "details.")
                .arg(unknown.join(QLatin1String(", ")), state.parameterDefinitions.keys().join(QLatin1String(", ")));
        return parameterError(QStringLiteral("InvalidParameter"), unknown.constFirst(), problem);
    }
    for (auto it = state.parameterDefinitions.constBegin(); it != state.parameterDefinitions.constEnd(); ++it) {
        Result<QJsonValue> value = state.resolveParameter(it.key());
        if (!value)
            return value.error();
    }

    // Variables (all of them, as ARM validates unused ones too).
    state.variableDefinitions = templateJson.value(QLatin1String("variables")).toObject();
    if (state.variableDefinitions.size() > MaxVariables) {
        return ArmErrors::invalidTemplate(tr("The template has %1 variables; at most %2 are allowed.")
                                              .arg(state.variableDefinitions.size())
                                              .arg(MaxVariables));
    }
    for (auto it = state.variableDefinitions.constBegin(); it != state.variableDefinitions.constEnd(); ++it) {
        if (it.key().compare(QLatin1String("copy"), Qt::CaseInsensitive) == 0) {
            return ArmErrors::invalidTemplate(tr("Variable copy loops are not supported by the sandbox."),
                                              QStringLiteral("variables.copy"));
        }
        state.variableNames.insert(it.key().toLower(), it.key());
    }
    for (auto it = state.variableDefinitions.constBegin(); it != state.variableDefinitions.constEnd(); ++it) {
        Result<QJsonValue> value = state.resolveVariable(it.key());
        if (!value)
            return value.error();
    }

    // Resources.
    if (Status read = engine.readResources(resources.toArray(), QStringLiteral("resources"), nullptr); !read)
        return read.error();
    if (engine.m_resources.size() > MaxResources) {
        return ArmErrors::invalidTemplate(tr("The template has %1 resources; at most %2 are allowed.")
                                              .arg(engine.m_resources.size())
                                              .arg(MaxResources));
    }
    if (Status resolved = engine.resolveDependencies(); !resolved)
        return resolved.error();

    // Outputs: shape now, values when the deployment has run.
    engine.m_outputs = templateJson.value(QLatin1String("outputs")).toObject();
    if (engine.m_outputs.size() > MaxOutputs) {
        return ArmErrors::invalidTemplate(
            tr("The template has %1 outputs; at most %2 are allowed.").arg(engine.m_outputs.size()).arg(MaxOutputs));
    }
    for (auto it = engine.m_outputs.constBegin(); it != engine.m_outputs.constEnd(); ++it) {
        const QJsonObject output = it.value().toObject();
        if (!it.value().isObject() || canonicalType(output.value(QLatin1String("type")).toString()).isEmpty()) {
            return ArmErrors::invalidTemplate(
                tr("The template output '%1' needs a 'type' (string, securestring, int, bool, object, secureObject or "
                   "array).")
                    .arg(it.key()),
                it.key());
        }
        if (output.contains(QLatin1String("copy")))
            return ArmErrors::invalidTemplate(tr("Output copy loops are not supported by the sandbox."), it.key());
        if (!output.contains(QLatin1String("value")))
            return ArmErrors::invalidTemplate(tr("The template output '%1' has no 'value'.").arg(it.key()), it.key());
        EngineContext context(state, EngineContext::Mode::Preflight);
        bool deferred = false;
        Result<QJsonValue> value =
            evaluateTree(output.value(QLatin1String("value")), context, QStringLiteral("value"), true, &deferred);
        if (!value) {
            return ArmErrors::invalidTemplate(
                tr("The template output '%1' is not valid: %2").arg(it.key(), value.error().message()), it.key());
        }
    }

    const QByteArray compact = QJsonDocument(templateJson).toJson(QJsonDocument::Compact);
    const QByteArray digest = QCryptographicHash::hash(compact, QCryptographicHash::Sha256);
    quint64 hash = 0;
    for (int i = 0; i < 8; ++i)
        hash = (hash << 8) | quint8(digest.at(i));
    engine.m_templateHash = QString::number(hash);
    return engine;
}

Status ArmTemplateEngine::readResources(const QJsonArray &resources, const QString &pathPrefix, const Resource *parent)
{
    State &state = *m_state;
    for (qsizetype i = 0; i < resources.size(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(pathPrefix).arg(i);
        if (!resources.at(i).isObject())
            return ArmErrors::invalidTemplate(tr("The template resource at '%1' must be an object.").arg(path), path);
        QJsonObject definition = resources.at(i).toObject();
        const auto fail = [&path](const QString &resourceName, const QString &problem, const QString &where = {}) {
            const QString location = where.isEmpty() ? path : path + QLatin1Char('.') + where;
            return ArmErrors::invalidTemplate(
                tr("The template resource '%1' (%2) is not valid: %3").arg(resourceName, location, problem),
                resourceName.isEmpty() ? location : resourceName);
        };
        if (definition.contains(QLatin1String("copy")))
            return fail(QString(), tr("resource copy loops are not supported by the sandbox"), QStringLiteral("copy"));
        if (definition.contains(QLatin1String("scope")) || definition.contains(QLatin1String("existing")))
            return fail(QString(), tr("'scope' and 'existing' are not supported by the sandbox"));

        // type, apiVersion and name are fixed before deployment: no reference() there.
        EngineContext context(state, EngineContext::Mode::Variables);
        QString evaluated[3];
        const char *keys[3] = {"type", "apiVersion", "name"};
        for (int k = 0; k < 3; ++k) {
            const QJsonValue value = definition.value(QLatin1String(keys[k]));
            if (!value.isString() || value.toString().isEmpty())
                return fail(QString(), tr("'%1' is missing or not a string").arg(QLatin1String(keys[k])),
                            QLatin1String(keys[k]));
            Result<QJsonValue> result = evaluateTree(value, context, QLatin1String(keys[k]), false, nullptr);
            if (!result)
                return fail(QString(), result.error().message(), QLatin1String(keys[k]));
            if (!result.value().isString() || result.value().toString().isEmpty())
                return fail(QString(), tr("'%1' must evaluate to a string").arg(QLatin1String(keys[k])),
                            QLatin1String(keys[k]));
            evaluated[k] = result.value().toString();
        }
        Resource resource;
        resource.type = evaluated[0];
        resource.apiVersion = evaluated[1];
        resource.name = evaluated[2];
        resource.path = path;
        if (parent) {
            // A nested child: its type and name are relative to the parent's.
            if (!resource.type.contains(QLatin1Char('.')) || !resource.type.contains(QLatin1Char('/')))
                resource.type = parent->type + QLatin1Char('/') + resource.type;
            if (resource.name.count(QLatin1Char('/')) < parent->name.count(QLatin1Char('/')) + 1)
                resource.name = parent->name + QLatin1Char('/') + resource.name;
        }
        const QStringList typeSegments = resource.type.split(QLatin1Char('/'));
        const QStringList nameSegments = resource.name.split(QLatin1Char('/'));
        if (typeSegments.size() < 2 || !typeSegments.constFirst().contains(QLatin1Char('.'))) {
            return fail(resource.name,
                        tr("the type '%1' is not a resource type with its namespace (such as "
                           "'Microsoft.Devices/IotHubs')")
                            .arg(resource.type),
                        QStringLiteral("type"));
        }
        if (nameSegments.size() != typeSegments.size() - 1 || nameSegments.contains(QString())) {
            return fail(resource.name,
                        tr("the name '%1' for type '%2' has incorrect segment lengths. A nested resource type must "
                           "have identical number of segments as its resource name. A root resource type must have "
                           "segment length one greater than its resource name")
                            .arg(resource.name, resource.type),
                        QStringLiteral("name"));
        }
        resource.id = m_scope.resourceGroupId() + QStringLiteral("/providers/") + typeSegments.at(0);
        for (qsizetype s = 1; s < typeSegments.size(); ++s)
            resource.id += QLatin1Char('/') + typeSegments.at(s) + QLatin1Char('/') + nameSegments.at(s - 1);

        for (const Resource &existing : std::as_const(m_resources)) {
            if (existing.id.compare(resource.id, Qt::CaseInsensitive) == 0) {
                return fail(resource.name,
                            tr("the resource '%1' is defined multiple times in the template (also at %2)")
                                .arg(resource.id, existing.path));
            }
        }

        const QJsonArray children = definition.value(QLatin1String("resources")).toArray();
        definition.remove(QStringLiteral("resources"));
        definition.insert(QStringLiteral("type"), resource.type);
        definition.insert(QStringLiteral("name"), resource.name);
        definition.insert(QStringLiteral("apiVersion"), resource.apiVersion);

        bool included = true;
        if (definition.contains(QLatin1String("condition"))) {
            Result<QJsonValue> condition = evaluateTree(definition.value(QLatin1String("condition")), context,
                                                        QStringLiteral("condition"), false, nullptr);
            if (!condition)
                return fail(resource.name, condition.error().message(), QStringLiteral("condition"));
            if (!condition.value().isBool())
                return fail(resource.name, tr("'condition' must evaluate to true or false"),
                            QStringLiteral("condition"));
            included = condition.value().toBool();
            definition.remove(QStringLiteral("condition"));
        }
        resource.definition = definition;
        if (included) {
            m_resources.append(resource);
            state.resourceNames.append({resource.name, resource.id});
            state.resourceNames.append({resource.typeName(), resource.id});
        } else {
            m_skipped.append(resource.id);
        }
        if (!children.isEmpty()) {
            if (Status nested = readResources(children, path + QStringLiteral(".resources"), &resource); !nested)
                return nested;
        }
    }
    return Done {};
}

Status ArmTemplateEngine::resolveDependencies()
{
    State &state = *m_state;
    const auto findResource = [this](const QString &reference) -> int {
        for (int i = 0; i < m_resources.size(); ++i) {
            const Resource &candidate = m_resources.at(i);
            if (candidate.id.compare(reference, Qt::CaseInsensitive) == 0)
                return i;
            // "Namespace/type/name" (type then name) and the id's tail after /providers/.
            if (QString(candidate.type + QLatin1Char('/') + candidate.name).compare(reference, Qt::CaseInsensitive) ==
                0)
                return i;
            const QString tail = candidate.id.section(QStringLiteral("/providers/"), 1);
            if (tail.compare(reference, Qt::CaseInsensitive) == 0)
                return i;
        }
        // A bare name: unique among the template's resources.
        int found = -1;
        for (int i = 0; i < m_resources.size(); ++i) {
            const Resource &candidate = m_resources.at(i);
            if (candidate.name.compare(reference, Qt::CaseInsensitive) == 0 ||
                candidate.typeName().compare(reference, Qt::CaseInsensitive) == 0) {
                if (found >= 0)
                    return -2;
                found = i;
            }
        }
        return found;
    };
    const auto isSkipped = [this](const QString &reference) {
        for (const QString &id : std::as_const(m_skipped)) {
            if (id.compare(reference, Qt::CaseInsensitive) == 0 ||
                id.endsWith(QLatin1Char('/') + reference, Qt::CaseInsensitive))
                return true;
        }
        return false;
    };

    for (int i = 0; i < m_resources.size(); ++i) {
        Resource &resource = m_resources[i];
        const auto fail = [&resource](const QString &problem, const QString &where = {}) {
            const QString location = where.isEmpty() ? resource.path : resource.path + QLatin1Char('.') + where;
            return ArmErrors::invalidTemplate(
                tr("The template resource '%1' (%2) is not valid: %3").arg(resource.name, location, problem),
                resource.name);
        };
        // Everything except name/type/apiVersion, evaluated as far as possible before deployment.
        EngineContext context(state, EngineContext::Mode::Preflight);
        bool deferred = false;
        QJsonObject body = resource.definition;
        const QJsonValue explicitDependencies = body.take(QStringLiteral("dependsOn"));
        Result<QJsonValue> evaluated = evaluateTree(body, context, {}, true, &deferred);
        if (!evaluated)
            return fail(evaluated.error().message(), pathOf(evaluated.error()));
        resource.preflight = evaluated.value().toObject();
        resource.hasDeferredValues = deferred;
        const QJsonValue location = resource.preflight.value(QLatin1String("location"));
        if (!location.isUndefined() && !location.isNull()) {
            if (!location.isString() || ArmExpression::isExpression(location.toString()))
                return fail(tr("'location' must be a string known before the deployment"), QStringLiteral("location"));
            resource.location = location.toString();
        }

        QStringList dependencies;
        // The parent of a child resource, when the template creates it.
        const int slash = resource.name.lastIndexOf(QLatin1Char('/'));
        if (slash > 0) {
            const QString parentId = resource.id.section(QLatin1Char('/'), 0, -3);
            if (findResource(parentId) >= 0)
                dependencies << m_resources.at(findResource(parentId)).id;
        }
        if (!explicitDependencies.isUndefined() && !explicitDependencies.isNull()) {
            if (!explicitDependencies.isArray())
                return fail(tr("'dependsOn' must be an array"), QStringLiteral("dependsOn"));
            EngineContext dependencyContext(state, EngineContext::Mode::Variables);
            const QJsonArray list = explicitDependencies.toArray();
            for (qsizetype d = 0; d < list.size(); ++d) {
                const QString where = QStringLiteral("dependsOn[%1]").arg(d);
                Result<QJsonValue> entry = evaluateTree(list.at(d), dependencyContext, where, false, nullptr);
                if (!entry)
                    return fail(entry.error().message(), where);
                if (!entry.value().isString())
                    return fail(tr("dependencies must be resource names or ids"), where);
                const QString reference = entry.value().toString();
                const int target = findResource(reference);
                if (target == -2)
                    return fail(
                        tr("the dependency '%1' matches more than one resource; use its resourceId()").arg(reference),
                        where);
                if (target < 0) {
                    if (isSkipped(reference))
                        continue; // ARM drops dependencies on resources whose condition is false
                    return fail(tr("the resource '%1' it depends on is not defined in the template").arg(reference),
                                where);
                }
                if (target == i)
                    return fail(tr("it depends on itself"), where);
                dependencies << m_resources.at(target).id;
            }
        }
        // Implicit: reference()/listKeys() of the template's own resources.
        for (const QString &id : std::as_const(context.references)) {
            const int target = findResource(id);
            if (target >= 0 && target != i)
                dependencies << m_resources.at(target).id;
        }
        dependencies.removeDuplicates();
        resource.dependsOn = dependencies;
    }

    // Kahn's algorithm, keeping the template's order among resources that are ready together.
    QList<Resource> ordered;
    QList<bool> placed(m_resources.size(), false);
    while (ordered.size() < m_resources.size()) {
        bool progress = false;
        for (int i = 0; i < m_resources.size(); ++i) {
            if (placed.at(i))
                continue;
            bool ready = true;
            for (const QString &dependency : m_resources.at(i).dependsOn) {
                const int target = findResource(dependency);
                ready = ready && target >= 0 && placed.at(target);
            }
            if (ready) {
                placed[i] = true;
                ordered.append(m_resources.at(i));
                progress = true;
            }
        }
        if (!progress) {
            QStringList circle;
            for (int i = 0; i < m_resources.size(); ++i) {
                if (!placed.at(i))
                    circle << m_resources.at(i).id;
            }
            return ArmErrors::invalidTemplate(tr("Circular dependency detected on resource: '%1'. Please see "
                                                 "https://aka.ms/arm-template/#resources for usage details.")
                                                  .arg(circle.join(QLatin1String("', '"))),
                                              circle.value(0));
        }
    }
    m_resources = ordered;
    return Done {};
}

int ArmTemplateEngine::indexOf(const QString &resourceId) const
{
    for (int i = 0; i < m_resources.size(); ++i) {
        if (m_resources.at(i).id.compare(resourceId, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

Result<QJsonObject> ArmTemplateEngine::evaluateResource(int index, ArmResourceReader *reader) const
{
    if (index < 0 || index >= m_resources.size())
        return ArmErrors::make(500, QStringLiteral("InternalServerError"), tr("No such template resource."));
    const Resource &resource = m_resources.at(index);
    EngineContext context(*m_state, EngineContext::Mode::Runtime, reader);
    QJsonObject body = resource.definition;
    body.remove(QStringLiteral("dependsOn"));
    Result<QJsonValue> evaluated = evaluateTree(body, context, {}, false, nullptr);
    if (!evaluated) {
        ServiceError error = evaluated.error();
        if (error.code() == QLatin1String(ArmExpression::InvalidTemplateCode)) {
            const QString where = pathOf(error);
            return ArmErrors::invalidTemplate(
                tr("The template resource '%1' (%2) is not valid: %3")
                    .arg(resource.name, where.isEmpty() ? resource.path : resource.path + QLatin1Char('.') + where,
                         error.message()),
                resource.name);
        }
        return error;
    }
    return evaluated.value().toObject();
}

Result<QJsonObject> ArmTemplateEngine::evaluateOutputs(ArmResourceReader *reader) const
{
    QJsonObject outputs;
    for (auto it = m_outputs.constBegin(); it != m_outputs.constEnd(); ++it) {
        const QJsonObject definition = it.value().toObject();
        const QString type = canonicalType(definition.value(QLatin1String("type")).toString());
        EngineContext context(*m_state, EngineContext::Mode::Runtime, reader);
        Result<QJsonValue> value =
            evaluateTree(definition.value(QLatin1String("value")), context, QStringLiteral("value"), false, nullptr);
        QString problem;
        if (!value)
            problem = value.error().message();
        else if (!matchesType(type, value.value()))
            problem = tr("the value is of type '%1', not '%2'")
                          .arg(ArmExpression::typeName(value.value()), typeOfValueFor(type));
        if (!problem.isEmpty()) {
            const CloudError inner =
                detail(QStringLiteral("DeploymentOutputEvaluationFailed"),
                       tr("The template output '%1' is not valid: %2").arg(it.key(), problem), it.key());
            return ArmErrors::make(
                400, QStringLiteral("DeploymentOutputEvaluationFailed"),
                tr("Unable to evaluate template outputs: '%1'. Please see error details and deployment "
                   "operations. Please see https://aka.ms/arm-common-errors for usage details.")
                    .arg(it.key()),
                {}, {inner});
        }
        QJsonObject output {{QStringLiteral("type"), type}};
        if (!type.startsWith(QLatin1String("Secure")))
            output.insert(QStringLiteral("value"), value.value());
        outputs.insert(it.key(), output);
    }
    return outputs;
}

QJsonObject ArmTemplateEngine::parametersForDisplay() const
{
    QJsonObject result;
    for (auto it = m_state->parameterDefinitions.constBegin(); it != m_state->parameterDefinitions.constEnd(); ++it)
        result.insert(it.key(), parameterValue(it.key()));
    return result;
}

QJsonObject ArmTemplateEngine::parameterValue(const QString &name) const
{
    const QString key = name.toLower();
    const QString type = m_state->parameterTypes.value(key);
    QJsonObject entry {{QStringLiteral("type"), type}};
    if (!type.startsWith(QLatin1String("Secure")) && m_state->parameters.contains(key))
        entry.insert(QStringLiteral("value"), m_state->parameters.value(key));
    return entry;
}

} // namespace TwinBridge::Sandbox
