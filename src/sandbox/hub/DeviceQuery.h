#pragma once

#include "services/core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>

namespace TwinBridge::Sandbox {

// The subset of IoT Hub's query language (reference/azure-protocols.md §3.4) the product and its users need,
// evaluated against twin documents (the JSON of GET /twins/{id}):
//
//   SELECT * FROM devices [WHERE <condition>]
//   SELECT <path> [AS alias], … FROM devices [WHERE …]       e.g. deviceId, tags.lorawan, properties.reported.x
//   SELECT COUNT() [AS alias] FROM devices [WHERE …]
//
// Conditions: AND, OR, NOT, parentheses; = != <> < > <= >= between a path and a literal (or two paths);
// `path IN [literal, …]`, `path NIN [...]`; literals 'text' / "text", numbers, true, false, null; functions
// IS_DEFINED, IS_NULL, IS_BOOL, IS_NUMBER, IS_STRING, IS_OBJECT, IS_ARRAY, IS_PRIMITIVE (one path),
// STARTSWITH and ENDSWITH (path, 'text'). Keywords and function names are case-insensitive; paths are not,
// except the first segment of a twin's top-level field ("DeviceId" finds "deviceId"). A comparison with a
// missing value or values of different types is false; NOT of it is true (IoT Hub's undefined is folded
// into false).
//
// parse() errors are BadRequest ServiceErrors (HTTP 400, code "ArgumentInvalid") whose message names the
// column, in IoT Hub's words: "SQL query parse failed due to following errors: Line 1:15 …".
class DeviceQuery
{
public:
    struct Node;

    static Result<DeviceQuery> parse(const QString &sql);

    // SELECT *: the items are whole twins (x-ms-item-type "twin"), otherwise plain objects ("raw").
    bool selectsTwins() const { return m_selectAll; }
    bool isAggregate() const { return m_count; }
    QString itemType() const;

    bool matches(const QJsonObject &document) const;
    // The projected object for one matching document (SELECT * gives the document itself).
    QJsonObject project(const QJsonObject &document) const;
    // The single item of a COUNT() query.
    QJsonObject aggregate(qint64 count) const;

    // The value at a dotted path in a document, undefined if missing.
    static QJsonValue valueAt(const QJsonObject &document, const QStringList &path);

    static constexpr int MaxQueryLength = 8192;
    static constexpr int MaxNesting = 64;

private:
    struct Projection
    {
        QStringList path;
        QString alias;
    };

    bool m_selectAll = false;
    bool m_count = false;
    QString m_countAlias;
    QList<Projection> m_projections;
    std::shared_ptr<const Node> m_where;

    friend class DeviceQueryParser;
};

} // namespace TwinBridge::Sandbox
