#pragma once

#include <QObject>
#include <QVariant>

#include <memory>

class QSettings;

namespace TwinBridge {

// Application settings through typed keys with defaults and a change signal (the KeePassXC `Config`
// pattern). Only non-secret values live here; secrets go to the OS keychain (SecretStore).
class Settings : public QObject
{
    Q_OBJECT

public:
    enum class Key {
        Language,           // "" = follow the system, otherwise a language code ("en", "de")
        CurrentProfileId,   // id of the selected connection profile
        ProfileOrder,       // QStringList: ids of the connection profiles in the order the user created them
        MainWindowGeometry, // QByteArray from saveGeometry()
        MainWindowState,    // QByteArray from saveState()
        LastPage,           // index of the navigation page shown last
        LiveDataCapacity,   // events kept in the live data view
        ConfirmDestructive, // ask before destructive bulk actions
        TwinSplitterState,  // QByteArray: the twin editor's tags/desired/reported splitter (saveState())
        TwinRefreshSeconds, // int: the twin editor re-reads the twin this often while no engine runs (0 = never)
        LiveDataHeaderState,   // QByteArray: the live data table's QHeaderView::saveState()
        LiveDataSplitterState, // QByteArray: the live data page's table/detail QSplitter::saveState()
        ColorScheme,        // "system" (follow the desktop), "light" or "dark"
    };
    Q_ENUM(Key)

    // Uses `fileName` as an INI file if given (tests), otherwise the platform's default QSettings.
    explicit Settings(const QString &fileName = {}, QObject *parent = nullptr);
    ~Settings() override;

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void reset(Key key);
    void sync();

    static QVariant defaultValue(Key key);
    static QString keyName(Key key);
    QString fileName() const;

    // The backing store, for services that keep their own groups (e.g. profiles).
    QSettings *backend() const { return m_settings.get(); }

    // The process-wide instance the application installs at start (tests create their own).
    static Settings *instance();
    static void setInstance(Settings *settings);

signals:
    void changed(TwinBridge::Settings::Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace TwinBridge
