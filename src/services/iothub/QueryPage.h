#pragma once

#include "services/core/Result.h"
#include "services/iothub/DeviceTwin.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace TwinBridge {

// One page of an IoT Hub query, POST /devices/query: the items as the hub sent them (twins for
// "SELECT * FROM devices", plain objects for projections and aggregates) and the continuation token of the
// next page (header x-ms-continuation; empty on the last page). See reference/azure-protocols.md §3.4.
struct QueryPage
{
    QJsonArray items;
    QString continuationToken;
    QString itemType; // header x-ms-item-type, e.g. "Twin" or "Raw"

    bool hasMore() const { return !continuationToken.isEmpty(); }
    qsizetype size() const { return items.size(); }

    // The items read as twins; an item that is not an object or has fields of the wrong type is an error
    // naming its position.
    Result<QList<DeviceTwin>> twins() const;

    // The body of a query request: {"query": sql}.
    static QJsonObject requestBody(const QString &sql);

    // The response body must be a JSON array.
    static Result<QueryPage> fromJson(const QByteArray &body, const QString &continuationToken = {},
                                      const QString &itemType = {});
    static QueryPage fromItems(QJsonArray items, const QString &continuationToken = {}, const QString &itemType = {});

    bool operator==(const QueryPage &other) const = default;

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::QueryPage)
};

} // namespace TwinBridge
