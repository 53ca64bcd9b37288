#pragma once

#include "models/BridgeProfileSettings.h"
#include "services/core/Result.h"
#include "services/protocol/TtsMessageType.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace TwinBridge {

class SecretStore;
class Settings;

// The Bridge page's engine settings of the current profile: connection mode (pooled / strict) and the pool's idle
// TTL, the two 10-type filters (telemetry and reported properties), the ingest endpoint (on/off, bind address —
// 127.0.0.1 unless changed —, port, public URL) and "Regenerate ingest key", which writes a new random key to the
// SecretStore. Save stores the rest per profile in Settings (BridgeProfileSettings) after checking it; the values
// take effect at the next start of the engine.
class EngineSettingsForm : public QWidget
{
    Q_OBJECT

public:
    EngineSettingsForm(Settings *settings, SecretStore *secrets, QWidget *parent = nullptr);

    // Loads the settings of `profileId` (empty: the form is disabled).
    void setProfileId(const QString &profileId);
    QString profileId() const { return m_profileId; }

    // The form's values, checked: an InvalidInput error naming the field otherwise.
    Result<BridgeProfileSettings> value() const;
    // Shows `value` in the form.
    void setValue(const BridgeProfileSettings &value);
    bool hasUnsavedChanges() const { return m_dirty; }

public slots:
    // Checks and stores the form for the profile; false (and the error shown) when a value is wrong.
    bool save();
    void revert();
    // Asks, then writes a new random ingest key for the profile to the SecretStore.
    void regenerateIngestKey();

signals:
    void saved(const QString &profileId);
    void ingestKeyRegenerated(const QString &profileId);
    void statusMessage(const QString &message);

private:
    void setDirty(bool dirty);
    void showError(const QString &text);

    Settings *m_settings;
    SecretStore *m_secrets;
    QString m_profileId;
    bool m_dirty = false;
    bool m_loading = false;

    QComboBox *m_mode = nullptr;
    QSpinBox *m_poolTtl = nullptr;
    QMap<TtsMessageType, QCheckBox *> m_telemetry;
    QMap<TtsMessageType, QCheckBox *> m_reported;
    QCheckBox *m_ingestEnabled = nullptr;
    QLineEdit *m_bindAddress = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_publicUrl = nullptr;
    QPushButton *m_regenerate = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_keyStatus = nullptr;
};

} // namespace TwinBridge
