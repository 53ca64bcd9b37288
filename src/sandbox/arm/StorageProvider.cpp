#include "sandbox/arm/StorageProvider.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmExpression.h"
#include "sandbox/hub/TwinState.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StorageProvider", text);
}

} // namespace

StorageProvider::StorageProvider(ArmResourceStore *store)
    : ArmResourceProvider(store)
{ }

QList<ArmResourceProvider::ResourceType> StorageProvider::resourceTypes() const
{
    const QStringList versions = {
        QStringLiteral("2025-06-01"), QStringLiteral("2025-01-01"), QStringLiteral("2024-01-01"),
        QStringLiteral("2023-05-01"), QStringLiteral("2023-04-01"), QStringLiteral("2023-01-01"),
        QStringLiteral("2022-09-01"), QStringLiteral("2022-05-01"), QStringLiteral("2021-09-01"),
        QStringLiteral("2021-08-01"), QStringLiteral("2021-06-01"), QStringLiteral("2021-04-01"),
        QStringLiteral("2021-02-01"), QStringLiteral("2021-01-01"), QStringLiteral("2019-06-01"),
        QStringLiteral("2019-04-01"), QStringLiteral("2018-07-01"),
    };
    return {{QStringLiteral("storageAccounts"), versions, true}};
}

std::chrono::milliseconds StorageProvider::provisioningTime(const ArmResource &) const
{
    return std::chrono::milliseconds(1500);
}

QList<CloudError> StorageProvider::validate(const ArmResource &requested) const
{
    QList<CloudError> problems;
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]{3,24}$"));
    if (!pattern.match(requested.name).hasMatch()) {
        // Azure's own code and wording (reference §5.2, validate example).
        problems << problem(QStringLiteral("AccountNameInvalid"),
                            tr("%1 is not a valid storage account name. Storage account name must be between 3 and 24 "
                               "characters in length and use numbers and lower-case letters only.")
                                .arg(requested.name),
                            requested.name);
    } else if (sameNameElsewhere(requested)) {
        problems << problem(QStringLiteral("StorageAccountAlreadyTaken"),
                            tr("The storage account named %1 is already taken.").arg(requested.name), requested.name);
    }
    static const QStringList skus = {
        QStringLiteral("Standard_LRS"),  QStringLiteral("Standard_GRS"),    QStringLiteral("Standard_RAGRS"),
        QStringLiteral("Standard_ZRS"),  QStringLiteral("Premium_LRS"),     QStringLiteral("Premium_ZRS"),
        QStringLiteral("Standard_GZRS"), QStringLiteral("Standard_RAGZRS"),
    };
    const QJsonValue sku = requested.sku.value(QLatin1String("name"));
    if (!ArmExpression::isExpressionValue(sku) && !skus.contains(sku.toString())) {
        problems << problem(QStringLiteral("InvalidSku"),
                            tr("The SKU '%1' is not valid for a storage account; use one of %2.")
                                .arg(sku.toString(), skus.join(QLatin1String(", "))),
                            QStringLiteral("sku.name"));
    }
    static const QStringList kinds = {QStringLiteral("StorageV2"), QStringLiteral("Storage"),
                                      QStringLiteral("BlobStorage"), QStringLiteral("FileStorage"),
                                      QStringLiteral("BlockBlobStorage")};
    if (!requested.kind.isEmpty() && !ArmExpression::isExpression(requested.kind) && !kinds.contains(requested.kind)) {
        problems << problem(QStringLiteral("InvalidKind"),
                            tr("The kind '%1' is not valid for a storage account; use one of %2.")
                                .arg(requested.kind, kinds.join(QLatin1String(", "))),
                            QStringLiteral("kind"));
    }
    return problems;
}

Result<ArmResource> StorageProvider::apply(const ArmResource &requested, const ArmResource *existing)
{
    const QList<CloudError> problems = validate(requested);
    if (!problems.isEmpty())
        return ArmErrors::fromCloudError(400, problems.constFirst());
    ArmResource stored = requested;
    if (existing)
        stored.secrets = existing->secrets;
    if (!stored.secrets.contains(QLatin1String("key1")))
        stored.secrets.insert(QStringLiteral("key1"), randomKey(64));
    if (!stored.secrets.contains(QLatin1String("key2")))
        stored.secrets.insert(QStringLiteral("key2"), randomKey(64));
    if (stored.kind.isEmpty())
        stored.kind = QStringLiteral("StorageV2");
    const QString sku = requested.sku.value(QLatin1String("name")).toString();
    stored.sku =
        QJsonObject {{QStringLiteral("name"), sku}, {QStringLiteral("tier"), sku.section(QLatin1Char('_'), 0, 0)}};
    QJsonObject properties = requested.properties;
    QJsonObject endpoints;
    for (const char *service : {"blob", "queue", "table", "file", "dfs", "web"}) {
        endpoints.insert(QLatin1String(service),
                         QStringLiteral("https://%1.%2.core.windows.net/").arg(requested.name, QLatin1String(service)));
    }
    properties.insert(QStringLiteral("primaryEndpoints"), endpoints);
    properties.insert(QStringLiteral("primaryLocation"), requested.location);
    properties.insert(QStringLiteral("statusOfPrimary"), QStringLiteral("available"));
    properties.insert(QStringLiteral("provisioningState"), QStringLiteral("Succeeded"));
    properties.insert(QStringLiteral("creationTime"),
                      TwinState::timestampText(existing ? existing->createdTime : requested.createdTime));
    stored.properties = properties;
    return stored;
}

Result<QJsonValue> StorageProvider::action(const ArmResource &resource, const QString &action) const
{
    if (action.compare(QLatin1String("listKeys"), Qt::CaseInsensitive) != 0)
        return ArmResourceProvider::action(resource, action);
    QJsonArray keys;
    for (const char *name : {"key1", "key2"}) {
        keys.append(QJsonObject {{QStringLiteral("keyName"), QLatin1String(name)},
                                 {QStringLiteral("value"), resource.secrets.value(QLatin1String(name)).toString()},
                                 {QStringLiteral("permissions"), QStringLiteral("FULL")},
                                 {QStringLiteral("creationTime"), TwinState::timestampText(resource.createdTime)}});
    }
    return QJsonValue(QJsonObject {{QStringLiteral("keys"), keys}});
}

} // namespace TwinBridge::Sandbox
