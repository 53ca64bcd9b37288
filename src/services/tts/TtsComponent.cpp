#include "services/tts/TtsComponent.h"

#include <QCoreApplication>
#include <QStringList>

namespace TwinBridge {

QString ttsComponentName(TtsComponent component)
{
    switch (component) {
    case TtsComponent::IdentityServer:
        return QCoreApplication::translate("TwinBridge::TtsComponent", "Identity Server");
    case TtsComponent::JoinServer:
        return QCoreApplication::translate("TwinBridge::TtsComponent", "Join Server");
    case TtsComponent::NetworkServer:
        return QCoreApplication::translate("TwinBridge::TtsComponent", "Network Server");
    case TtsComponent::ApplicationServer:
        return QCoreApplication::translate("TwinBridge::TtsComponent", "Application Server");
    }
    return {};
}

QString ttsComponentShortName(TtsComponent component)
{
    switch (component) {
    case TtsComponent::IdentityServer:
        return QStringLiteral("IS");
    case TtsComponent::JoinServer:
        return QStringLiteral("JS");
    case TtsComponent::NetworkServer:
        return QStringLiteral("NS");
    case TtsComponent::ApplicationServer:
        return QStringLiteral("AS");
    }
    return {};
}

QString ttsComponentNames(const QList<TtsComponent> &components)
{
    QStringList names;
    for (TtsComponent component : components)
        names.append(ttsComponentName(component));
    return names.join(QStringLiteral(", "));
}

QList<TtsComponent> ttsAllComponents()
{
    return {TtsComponent::IdentityServer, TtsComponent::JoinServer, TtsComponent::NetworkServer,
            TtsComponent::ApplicationServer};
}

} // namespace TwinBridge
