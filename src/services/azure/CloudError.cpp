#include "services/azure/CloudError.h"

#include <QJsonDocument>

#include <functional>

namespace TwinBridge {

namespace {

using Kind = ServiceError::Kind;

void collectCodes(const CloudError &error, QStringList &codes)
{
    if (!error.code.isEmpty())
        codes.append(error.code);
    for (const CloudError &detail : error.details)
        collectCodes(detail, codes);
}

bool anyCode(const QStringList &codes, std::initializer_list<const char *> candidates)
{
    for (const QString &code : codes) {
        for (const char *candidate : candidates) {
            if (code.compare(QLatin1String(candidate), Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

bool anyCodeContains(const QStringList &codes, const char *part)
{
    for (const QString &code : codes) {
        if (code.contains(QLatin1String(part), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// For errors without an HTTP status (a long-running operation that ended Failed): guess from the codes.
Kind kindFromCodes(const QStringList &codes)
{
    if (anyCode(codes, {"AuthorizationFailed", "LinkedAuthorizationFailed", "RequestDisallowedByPolicy"}) ||
        anyCodeContains(codes, "Quota"))
        return Kind::Forbidden;
    if (anyCodeContains(codes, "NotFound"))
        return Kind::NotFound;
    if (anyCodeContains(codes, "Conflict") || anyCodeContains(codes, "AlreadyExists") ||
        anyCodeContains(codes, "NotAvailable") || anyCodeContains(codes, "InUse"))
        return Kind::Conflict;
    if (anyCode(codes, {"InternalServerError", "ServiceUnavailable", "GatewayTimeout"}))
        return Kind::ServerError;
    if (anyCode(codes, {"Canceled", "DeploymentCanceled", "OperationCanceled"}))
        return Kind::Canceled;
    return Kind::BadRequest;
}

void flattenInto(const CloudError &error, int depth, QStringList &lines)
{
    QString line = QString(depth * 2, QLatin1Char(' '));
    line += error.code.isEmpty() ? QStringLiteral("(no code)") : error.code;
    if (!error.target.isEmpty())
        line += QStringLiteral(" (target: %1)").arg(error.target);
    line += QStringLiteral(": ") + error.message.simplified();
    if (!error.additionalInfo.isEmpty()) {
        QStringList types;
        for (const QJsonValue &info : error.additionalInfo)
            types << info.toObject().value(QLatin1String("type")).toString();
        line += QStringLiteral(" [additionalInfo: %1]").arg(types.join(QLatin1String(", ")));
    }
    lines.append(line);
    for (const CloudError &detail : error.details)
        flattenInto(detail, depth + 1, lines);
}

QString sentence(QString text)
{
    text = text.simplified();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')) && !text.endsWith(QLatin1Char('!')) &&
        !text.endsWith(QLatin1Char('?')))
        text += QLatin1Char('.');
    return text;
}

} // namespace

std::optional<CloudError> CloudError::fromJson(const QJsonObject &object)
{
    const QJsonObject inner =
        object.value(QLatin1String("error")).isObject() ? object.value(QLatin1String("error")).toObject() : object;
    CloudError error;
    error.code = inner.value(QLatin1String("code")).toString();
    error.message = inner.value(QLatin1String("message")).toString();
    error.target = inner.value(QLatin1String("target")).toString();
    error.additionalInfo = inner.value(QLatin1String("additionalInfo")).toArray();
    const QJsonArray details = inner.value(QLatin1String("details")).toArray();
    for (const QJsonValue &detail : details) {
        if (auto parsed = fromJson(detail.toObject()))
            error.details.append(*parsed);
    }
    if (error.code.isEmpty() && error.message.isEmpty())
        return std::nullopt;
    return error;
}

std::optional<CloudError> CloudError::fromBody(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return fromJson(document.object());
}

QJsonObject CloudError::toJson() const
{
    QJsonObject object {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!target.isEmpty())
        object.insert(QStringLiteral("target"), target);
    if (!details.isEmpty()) {
        QJsonArray array;
        for (const CloudError &detail : details)
            array.append(detail.toJson());
        object.insert(QStringLiteral("details"), array);
    }
    if (!additionalInfo.isEmpty())
        object.insert(QStringLiteral("additionalInfo"), additionalInfo);
    return object;
}

const CloudError &CloudError::innermost() const
{
    const CloudError *best = this;
    int bestDepth = 0;
    std::function<void(const CloudError &, int)> visit = [&](const CloudError &node, int depth) {
        if (depth > bestDepth) {
            best = &node;
            bestDepth = depth;
        }
        for (const CloudError &detail : node.details)
            visit(detail, depth + 1);
    };
    visit(*this, 0);
    return *best;
}

int CloudError::leafCount() const
{
    if (details.isEmpty())
        return 1;
    int count = 0;
    for (const CloudError &detail : details)
        count += detail.leafCount();
    return count;
}

QStringList CloudError::flatten() const
{
    QStringList lines;
    flattenInto(*this, 0, lines);
    return lines;
}

QString CloudError::hint(Kind kind, const QStringList &codes)
{
    if (anyCode(codes, {"MissingSubscriptionRegistration", "NoRegisteredProviderFound", "SubscriptionNotRegistered"}))
        return tr("Register the resource provider for the subscription, then try again.");
    if (anyCode(codes, {"RequestDisallowedByPolicy"}))
        return tr("An Azure Policy of your organisation forbids this. Choose other settings or ask your administrator "
                  "for an exemption.");
    if (anyCode(codes, {"AuthorizationFailed", "LinkedAuthorizationFailed"}))
        return tr("Your account lacks the permission for this. Ask an owner of the subscription for the Contributor "
                  "role on it (or on the resource group), then try again.");
    if (anyCode(codes, {"SubscriptionNotFound", "InvalidSubscriptionId"}))
        return tr("Check that the subscription exists and that your account can see it.");
    if (anyCodeContains(codes, "Quota"))
        return tr("A quota of the subscription is exhausted. Choose a smaller SKU or another region, or request a "
                  "quota increase.");
    if (anyCode(codes,
                {"InvalidAuthenticationToken", "ExpiredAuthenticationToken", "InvalidAuthenticationTokenTenant",
                 "AuthenticationFailed"}))
        return tr("Sign in to Azure again (with the tenant that owns the subscription).");
    switch (kind) {
    case Kind::Unauthorized:
        return tr("Sign in to Azure again.");
    case Kind::Forbidden:
        return tr("Your account lacks the permission for this. Ask an owner of the subscription for the Contributor "
                  "role, then try again.");
    case Kind::NotFound:
        return tr("Check that it exists and that the right subscription is selected.");
    case Kind::Conflict:
        return tr("Wait for other operations on it to finish, or choose another name, then try again.");
    case Kind::Throttled:
        return tr("Azure Resource Manager is throttling requests. Wait a minute, then try again.");
    case Kind::ServerError:
    case Kind::Unavailable:
        return tr("This is a problem on Azure's side. Try again in a few minutes.");
    case Kind::PreconditionFailed:
        return tr("It was changed meanwhile. Reload it, then try again.");
    case Kind::BadRequest:
        return tr("Correct the values named above, then try again.");
    default:
        return {};
    }
}

ServiceError CloudError::toServiceError(int httpStatus, const QString &operation) const
{
    QStringList codes;
    collectCodes(*this, codes);
    Kind kind = ServiceError::kindForHttpStatus(httpStatus);
    if (kind == Kind::None)
        kind = kindFromCodes(codes);

    QStringList parts;
    parts << sentence(message.isEmpty() ? code : message);
    const CloudError &inner = innermost();
    if (&inner != this && !inner.message.isEmpty()) {
        QString specific = inner.code.isEmpty() ? sentence(inner.message)
                                                : QStringLiteral("%1: %2").arg(inner.code, sentence(inner.message));
        parts << specific;
        const int others = leafCount() - 1;
        if (others > 0)
            parts << tr("(%n more problem(s) in the details.)", nullptr, others);
    }
    const QString what = hint(kind, codes);
    if (!what.isEmpty())
        parts << what;

    ServiceError error(kind, parts.join(QLatin1Char(' ')), flatten().join(QLatin1Char('\n')));
    error.setHttpStatus(httpStatus);
    error.setCode(code);
    error.setOperation(operation);
    error.setPayload(toJson());
    return error;
}

ServiceError CloudError::fromUnparsedResponse(int httpStatus, const QByteArray &body, const QString &operation)
{
    Kind kind = ServiceError::kindForHttpStatus(httpStatus);
    if (kind == Kind::None)
        kind = Kind::MalformedResponse;
    QString message = tr("Azure Resource Manager answered with HTTP %1.").arg(httpStatus);
    const QString what = hint(kind, {});
    if (!what.isEmpty())
        message += QLatin1Char(' ') + what;
    ServiceError error(
        kind, message,
        QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(QString::fromUtf8(body.left(300)).simplified()));
    error.setHttpStatus(httpStatus);
    error.setOperation(operation);
    return error;
}

} // namespace TwinBridge
