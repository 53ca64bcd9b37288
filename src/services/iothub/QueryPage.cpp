#include "services/iothub/QueryPage.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace TwinBridge {

namespace {

const QString ErrorCode = QStringLiteral("InvalidQueryResult");

} // namespace

Result<QList<DeviceTwin>> QueryPage::twins() const
{
    QList<DeviceTwin> result;
    result.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return ServiceError::invalidInput(tr("Query result item %1 is not a twin (not a JSON object).").arg(i + 1),
                                              ErrorCode);
        auto twin = DeviceTwin::fromJson(items.at(i).toObject());
        if (!twin) {
            ServiceError error = twin.error();
            return ServiceError::invalidInput(tr("Query result item %1: %2").arg(i + 1).arg(error.message()),
                                              ErrorCode);
        }
        result.append(twin.takeValue());
    }
    return result;
}

QJsonObject QueryPage::requestBody(const QString &sql)
{
    return QJsonObject{{QStringLiteral("query"), sql}};
}

Result<QueryPage> QueryPage::fromJson(const QByteArray &body, const QString &continuationToken, const QString &itemType)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ServiceError::invalidInput(tr("The query result is not valid JSON: %1.").arg(parseError.errorString()),
                                          ErrorCode);
    if (!document.isArray())
        return ServiceError::invalidInput(tr("The query result must be a JSON list."), ErrorCode);
    return fromItems(document.array(), continuationToken, itemType);
}

QueryPage QueryPage::fromItems(QJsonArray items, const QString &continuationToken, const QString &itemType)
{
    QueryPage page;
    page.items = std::move(items);
    page.continuationToken = continuationToken;
    page.itemType = itemType;
    return page;
}

} // namespace TwinBridge
