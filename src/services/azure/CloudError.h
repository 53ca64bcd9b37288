#pragma once

#include "services/core/ServiceError.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// Azure Resource Manager's error envelope (azure-protocols.md §5.2):
// {"error":{"code","message","target","details":[{…same…}],"additionalInfo":[{"type","info"}]}}.
// toServiceError() gives the sentence a user reads: Azure's top-level message, the innermost specific detail
// (e.g. InvalidTemplateDeployment → PreflightValidationCheckFailed → AccountNameInvalid: "a is not a valid
// storage account name…") and what to do; detail() holds the whole tree, one line per node.
struct CloudError
{
    QString code;
    QString message;
    QString target;
    QList<CloudError> details;
    QJsonArray additionalInfo;

    // Accepts the envelope ({"error":{…}}) or the inner object itself; nullopt when neither has a code or
    // message.
    static std::optional<CloudError> fromJson(const QJsonObject &object);
    static std::optional<CloudError> fromBody(const QByteArray &body);
    QJsonObject toJson() const;

    // The most specific problem: the first deepest node of the tree (this node when it has no details).
    const CloudError &innermost() const;
    int leafCount() const;
    // "code (target): message", indented by depth, one line per node; additionalInfo types in brackets.
    QStringList flatten() const;

    // `httpStatus` 0 for errors that arrived inside a 200 answer (a failed long-running operation): the kind
    // is then inferred from the codes.
    ServiceError toServiceError(int httpStatus, const QString &operation) const;

    // A ServiceError for an ARM error answer whose body is not a CloudError (empty, HTML from a proxy…).
    static ServiceError fromUnparsedResponse(int httpStatus, const QByteArray &body, const QString &operation);

    // What to do about it, by kind and ARM code.
    static QString hint(ServiceError::Kind kind, const QStringList &codes);

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::CloudError)
};

} // namespace TwinBridge
