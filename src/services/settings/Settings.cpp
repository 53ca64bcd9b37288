#include "services/settings/Settings.h"

#include "services/core/Logging.h"

#include <QPointer>
#include <QSettings>

namespace TwinBridge {

namespace {

struct KeyInfo
{
    Settings::Key key;
    const char *name;
    QVariant defaultValue;
};

const KeyInfo &info(Settings::Key key)
{
    static const KeyInfo table[] = {
        {Settings::Key::Language, "ui/language", QString()},
        {Settings::Key::CurrentProfileId, "profiles/current", QString()},
        {Settings::Key::ProfileOrder, "profiles/order", QStringList()},
        {Settings::Key::MainWindowGeometry, "ui/mainWindowGeometry", QByteArray()},
        {Settings::Key::MainWindowState, "ui/mainWindowState", QByteArray()},
        {Settings::Key::LastPage, "ui/lastPage", 0},
        {Settings::Key::LiveDataCapacity, "liveData/capacity", 10000},
        {Settings::Key::ConfirmDestructive, "ui/confirmDestructive", true},
        {Settings::Key::TwinSplitterState, "twin/splitterState", QByteArray()},
        {Settings::Key::TwinRefreshSeconds, "twin/refreshSeconds", 10},
        {Settings::Key::LiveDataHeaderState, "liveData/headerState", QByteArray()},
        {Settings::Key::LiveDataSplitterState, "liveData/splitterState", QByteArray()},
        {Settings::Key::ColorScheme, "ui/colorScheme", QStringLiteral("system")},
    };
    for (const KeyInfo &entry : table) {
        if (entry.key == key)
            return entry;
    }
    Q_UNREACHABLE();
}

QPointer<Settings> g_instance;

} // namespace

Settings::Settings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(fileName.isEmpty() ? std::make_unique<QSettings>()
                                    : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QVariant Settings::value(Key key) const
{
    const KeyInfo &entry = info(key);
    return m_settings->value(QLatin1String(entry.name), entry.defaultValue);
}

void Settings::setValue(Key key, const QVariant &value)
{
    const KeyInfo &entry = info(key);
    if (m_settings->contains(QLatin1String(entry.name)) && m_settings->value(QLatin1String(entry.name)) == value)
        return;
    m_settings->setValue(QLatin1String(entry.name), value);
    qCDebug(lcSettings) << "changed" << entry.name;
    emit changed(key);
}

void Settings::reset(Key key)
{
    const KeyInfo &entry = info(key);
    if (!m_settings->contains(QLatin1String(entry.name)))
        return;
    m_settings->remove(QLatin1String(entry.name));
    emit changed(key);
}

void Settings::sync()
{
    m_settings->sync();
}

QVariant Settings::defaultValue(Key key)
{
    return info(key).defaultValue;
}

QString Settings::keyName(Key key)
{
    return QLatin1String(info(key).name);
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

Settings *Settings::instance()
{
    return g_instance.data();
}

void Settings::setInstance(Settings *settings)
{
    g_instance = settings;
}

} // namespace TwinBridge
