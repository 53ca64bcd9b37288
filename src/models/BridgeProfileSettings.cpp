#include "models/BridgeProfileSettings.h"

#include "services/settings/Settings.h"

#include <QJsonDocument>
#include <QUrl>
#include <QVariantMap>

namespace TwinBridge {

namespace {

const QLatin1String EngineMember {"engine"};
const QLatin1String PublicUrlMember {"publicUrl"};

} // namespace

QJsonObject BridgeProfileSettings::toJson() const
{
    QJsonObject json {{EngineMember, engine}};
    if (!publicUrl.isEmpty())
        json.insert(PublicUrlMember, publicUrl);
    return json;
}

BridgeProfileSettings BridgeProfileSettings::fromJson(const QJsonObject &json)
{
    BridgeProfileSettings value;
    value.engine = json.value(EngineMember).toObject();
    value.publicUrl = json.value(PublicUrlMember).toString();
    return value;
}

BridgeProfileSettings BridgeProfileSettings::load(const Settings *settings, const QString &profileId)
{
    if (!settings || profileId.isEmpty())
        return {};
    const QVariantMap all = settings->value(Settings::Key::BridgeProfileSettings).toMap();
    const QJsonDocument document = QJsonDocument::fromJson(all.value(profileId).toString().toUtf8());
    return fromJson(document.object());
}

void BridgeProfileSettings::save(Settings *settings, const QString &profileId, const BridgeProfileSettings &value)
{
    if (!settings || profileId.isEmpty())
        return;
    QVariantMap all = settings->value(Settings::Key::BridgeProfileSettings).toMap();
    all.insert(profileId, QString::fromUtf8(QJsonDocument(value.toJson()).toJson(QJsonDocument::Compact)));
    settings->setValue(Settings::Key::BridgeProfileSettings, all);
}

void BridgeProfileSettings::remove(Settings *settings, const QString &profileId)
{
    if (!settings)
        return;
    QVariantMap all = settings->value(Settings::Key::BridgeProfileSettings).toMap();
    if (all.remove(profileId) > 0)
        settings->setValue(Settings::Key::BridgeProfileSettings, all);
}

Status BridgeProfileSettings::applyTo(EngineConfig &config) const
{
    if (engine.isEmpty())
        return Done {};
    return config.applyEngineJson(engine);
}

QString BridgeProfileSettings::effectiveBaseUrl(const QString &engineBaseUrl) const
{
    return publicUrl.isEmpty() ? engineBaseUrl : publicUrl;
}

QString BridgeProfileSettings::checkPublicUrl(const QString &url)
{
    if (url.isEmpty())
        return {};
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        return tr("The public URL “%1” is not an absolute http:// or https:// URL. Enter the address the Azure "
                  "Function reaches this engine at, ending in /api/v3, or leave it empty.")
            .arg(url);
    }
    return {};
}

} // namespace TwinBridge
