#include "sandbox/arm/ArmResourceProvider.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmResourceStore.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace TwinBridge::Sandbox {

ArmResourceProvider::ArmResourceProvider(ArmResourceStore *store)
    : m_store(store)
{ }

ArmResourceProvider::~ArmResourceProvider() = default;

std::optional<ArmResourceProvider::ResourceType> ArmResourceProvider::resourceType(const QString &fullType) const
{
    const QString prefix = providerNamespace() + QLatin1Char('/');
    if (!fullType.startsWith(prefix, Qt::CaseInsensitive))
        return std::nullopt;
    const QString name = fullType.mid(prefix.size());
    for (const ResourceType &type : resourceTypes()) {
        if (type.name.compare(name, Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

std::chrono::milliseconds ArmResourceProvider::provisioningTime(const ArmResource &) const
{
    return std::chrono::milliseconds(1000);
}

QJsonObject ArmResourceProvider::read(const ArmResource &resource) const
{
    return resource.toJson();
}

Result<QJsonValue> ArmResourceProvider::action(const ArmResource &resource, const QString &action) const
{
    return ArmErrors::make(
        404, QStringLiteral("InvalidResourceType"),
        QCoreApplication::translate("ArmResourceProvider", "The resource type '%1' has no action '%2'.")
            .arg(resource.type, action));
}

void ArmResourceProvider::remove(const ArmResource &) { }

void ArmResourceProvider::resourcesChanged() { }

QString ArmResourceProvider::randomKey(int bytes)
{
    QByteArray key(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), bytes / 4);
    return QString::fromLatin1(key.toBase64());
}

CloudError ArmResourceProvider::problem(const QString &code, const QString &message, const QString &target)
{
    CloudError error;
    error.code = code;
    error.message = message;
    error.target = target;
    return error;
}

const ArmResource *ArmResourceProvider::sameNameElsewhere(const ArmResource &resource) const
{
    for (const ArmResource &other : m_store->ofType(resource.type)) {
        if (other.name.compare(resource.name, Qt::CaseInsensitive) == 0 &&
            other.id.compare(resource.id, Qt::CaseInsensitive) != 0)
            return m_store->find(other.id);
    }
    return nullptr;
}

} // namespace TwinBridge::Sandbox
