#pragma once

#include "services/core/Result.h"
#include "services/diagnostics/ConnectionCheck.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ConnectionProfile.h"
#include "services/settings/SandboxProfileImport.h"

#include <QHash>
#include <QMap>
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QToolButton;

namespace TwinBridge {

class ConnectionTestPanel;
class ProfileListModel;
class ProfileStore;

// The Connections page: creates, edits, deletes, imports, exports and selects connection profiles. The
// non-secret fields go to the ProfileStore; the four secrets are typed into password fields and written
// only to the SecretStore, each with a status label ("Stored in the OS keychain", "Not set" or the error).
// Save validates first and shows every problem next to its field; nothing is saved while one remains.
// "Test connection" (Ctrl+T) tests the profile as the form shows it — typed secrets first, else the stored ones —
// against TTS, IoT Hub and Azure, each check a named step (ConnectionTestPanel, docs/console-connections.md).
class ConnectionsPage : public QWidget
{
    Q_OBJECT

public:
    ConnectionsPage(ProfileStore *store, SecretStore *secrets, QWidget *parent = nullptr);

    // The id of the profile in the form (a new, unsaved one while creating), empty when the form is empty.
    QString editedProfileId() const { return m_editingId; }
    bool hasUnsavedChanges() const { return m_dirty; }

public slots:
    void newProfile();
    void save();
    void revert();
    void deleteProfile();
    void importProfile();
    void exportProfile();
    void useProfile();
    // "Import from sandbox.json…": asks for the file twinbridge-sandbox wrote, then importSandboxFile().
    void importSandboxProfile();
    // Adds or updates the "Sandbox" profile from a sandbox.json, selects it (and uses it when it is complete),
    // and stores its secrets in the secret store. Without an OS keychain and with a SessionSecretStore it asks
    // whether to keep the secrets in memory for this run; declined, the profile stays without secrets and the
    // message names them. Emits sandboxImportFinished() at the end.
    void importSandboxFile(const QString &filePath);
    // Tests TTS, IoT Hub and Azure with the profile in the form (also Ctrl+T on the page).
    void testConnections();

signals:
    // A short sentence for the main window's status bar.
    void statusMessage(const QString &message);
    // An import from sandbox.json ended: the profile's id, or empty when nothing was imported.
    void sandboxImportFinished(const QString &profileId);
    // A connection test of the current profile changed what is known about one side; connect it to
    // MainWindow::setConnectionState for the status bar lights.
    void connectionStateChanged(TwinBridge::ConnectionCheck::Target target, TwinBridge::ConnectionCheck::Status state,
                                const QString &detail);
    void connectionTestFinished(const TwinBridge::ConnectionReport &report);

private:
    struct FieldWidgets
    {
        QWidget *editor = nullptr;
        QLabel *errorLabel = nullptr;
    };
    struct SecretWidgets
    {
        QLineEdit *edit = nullptr;
        QLabel *statusLabel = nullptr;
        QToolButton *clearButton = nullptr;
    };

    void buildUi();
    QGroupBox *buildTtsGroup();
    QGroupBox *buildIotHubGroup();
    QGroupBox *buildAzureGroup();
    QGroupBox *buildIngestGroup();
    QGroupBox *buildTlsGroup();
    QLineEdit *addLineEdit(QFormLayout *form, QLatin1String field, const QString &objectBase, const QString &label,
                           const QString &placeholder, const QString &toolTip = {});
    QSpinBox *addPortSpinBox(QFormLayout *form, QLatin1String field, const QString &objectBase, const QString &label);
    void addFieldRow(QFormLayout *form, QLatin1String field, const QString &objectBase, const QString &label,
                     QWidget *editor, QWidget *rowWidget = nullptr);
    void addSecretRow(QFormLayout *form, SecretKind kind, const QString &objectBase, const QString &label,
                      const QString &placeholder);

    void onCurrentIndexChanged(const QModelIndex &current, const QModelIndex &previous);
    void onProfileRemoved(const QString &id);
    void onProfileChanged(const QString &id);
    void onSecretChanged(const QString &profileId, SecretKind kind);

    bool confirmDiscard();
    void loadProfile(const ConnectionProfile &profile, bool isDraft);
    void showEmptyState();
    void selectProfile(const QString &id);
    ConnectionProfile profileFromForm() const;
    void commitProfile(const ConnectionProfile &profile);
    void finishSave(const ConnectionProfile &profile, const QList<SecretKind> &written, const QList<Status> &results);
    void clearSecret(SecretKind kind);
    void storeSandboxSecrets(const SandboxProfileImport::Imported &imported);
    void finishSandboxImport(const SandboxProfileImport::Imported &imported, const QList<SecretKind> &notStored,
                             const ServiceError &firstError);
    void reportSandboxImport(const SandboxProfileImport::Imported &imported, const QString &secretsSentence,
                             bool isError);
    void updateSecretsNotice();
    void setUpConnectionTests();

    void refreshSecretStatuses();
    void refreshSecretStatus(SecretKind kind);
    void setSecretStatus(SecretKind kind, const QString &text, bool isError);

    void showIssues(const ProfileIssues &issues);
    void clearIssues();
    void setMessage(const QString &text, bool isError);
    void report(const QString &text, bool isError);
    void updateActions();
    void markDirty();

    ProfileStore *m_store;
    SecretStore *m_secrets;
    ProfileListModel *m_model = nullptr;

    QListView *m_listView = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_importSandboxButton = nullptr;
    QLabel *m_secretsNoticeLabel = nullptr;
    QWidget *m_form = nullptr;
    QScrollArea *m_scrollArea = nullptr;
    QLabel *m_messageLabel = nullptr;
    QLabel *m_currentProfileLabel = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_useButton = nullptr;
    ConnectionTestPanel *m_testPanel = nullptr;

    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_ttsApiBaseUrlEdit = nullptr;
    QLineEdit *m_ttsApplicationIdEdit = nullptr;
    QLineEdit *m_ttsTenantIdEdit = nullptr;
    QLineEdit *m_ttsMqttHostEdit = nullptr;
    QSpinBox *m_ttsMqttPortSpinBox = nullptr;
    QCheckBox *m_ttsMqttTlsCheckBox = nullptr;
    QLineEdit *m_hubHostNameEdit = nullptr;
    QLineEdit *m_hubRestEndpointEdit = nullptr;
    QLineEdit *m_hubMqttHostEdit = nullptr;
    QSpinBox *m_hubMqttPortSpinBox = nullptr;
    QLineEdit *m_hubPolicyNameEdit = nullptr;
    QLineEdit *m_azureAuthorityEdit = nullptr;
    QLineEdit *m_azureManagementEdit = nullptr;
    QLineEdit *m_azureTenantIdEdit = nullptr;
    QLineEdit *m_azureSubscriptionIdEdit = nullptr;
    QLineEdit *m_azureClientIdEdit = nullptr;
    QLineEdit *m_caFileEdit = nullptr;

    QHash<QString, FieldWidgets> m_fields;
    QMap<SecretKind, SecretWidgets> m_secretWidgets;

    QString m_editingId;
    bool m_isDraft = false;
    bool m_dirty = false;
    bool m_loading = false;
    bool m_saving = false;
    bool m_restoringSelection = false;
    quint64 m_generation = 0; // bumps whenever another profile is loaded; stale async answers are dropped
};

} // namespace TwinBridge
