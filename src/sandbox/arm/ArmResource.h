#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace TwinBridge::Sandbox {

// One resource the ARM stand-in manages (an IoT hub, an Event Hubs namespace, an authorization rule, a storage
// account, …), as its provider stores it. `properties` are what a GET shows (the provider fills the read-only
// ones); `secrets` are provider-private values that only list* actions reveal (keys, app settings) and that
// never appear in a GET, a deployment or a log.
struct ArmResource
{
    QString id; // "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.EventHub/namespaces/ns/eventhubs/Events"
    QString type; // "Microsoft.EventHub/namespaces/eventhubs"
    QString name; // "ns/Events" (every segment of a child resource)
    QString subscriptionId;
    QString resourceGroup;
    QString location;
    QString kind;
    QJsonObject sku;
    QJsonObject tags;
    QJsonObject properties;
    QString apiVersion; // the last one it was written with
    QJsonObject secrets;
    QDateTime createdTime;
    QDateTime changedTime;

    QString providerNamespace() const { return type.section(QLatin1Char('/'), 0, 0); }
    QString shortName() const { return name.section(QLatin1Char('/'), -1); }
    // The id of the parent of a child resource (empty for a top-level resource).
    QString parentId() const;
    bool isTypeOf(const char *fullType) const
    {
        return type.compare(QLatin1String(fullType), Qt::CaseInsensitive) == 0;
    }

    // The resource as ARM's GET returns it: id, name (last segment), type, location, kind, sku, tags,
    // properties, systemData — never `secrets`.
    QJsonObject toJson() const;
    // Everything, for the state file.
    QJsonObject toState() const;
    static std::optional<ArmResource> fromState(const QJsonObject &state);

    // A resource as a template (or a PUT) describes it: type, name, location, kind, sku, tags and properties of
    // `definition`; the id must be computed already.
    static ArmResource fromDefinition(const QJsonObject &definition, const QString &id, const QString &subscriptionId,
                                      const QString &resourceGroup);

    // "/subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type1}/{name1}/{type2}/{name2}…"
    static QString makeId(const QString &subscriptionId, const QString &resourceGroup, const QString &type,
                          const QString &name);
};

} // namespace TwinBridge::Sandbox
