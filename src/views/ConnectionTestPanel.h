#pragma once

#include "services/core/Result.h"
#include "services/diagnostics/ConnectionCheck.h"
#include "services/settings/ConnectionProfile.h"

#include <QFuture>
#include <QMap>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace TwinBridge {

class ConnectionTest;
class SecretStore;
class TokenCredential;

// The "Test connection" part of the Connections page: buttons for The Things Stack, IoT Hub, Azure and all
// three (Ctrl+T), Cancel (while a test runs), and the checks of each test in a tree — one row per named step
// with ✓/✗/!/– and its sentence; the selected row's full text and the service's own detail below. Tests run
// asynchronously (services/diagnostics), several at once, each cancelable; nothing blocks the GUI thread.
class ConnectionTestPanel : public QWidget
{
    Q_OBJECT

public:
    // What a test needs: the profile as the form shows it and its secrets (typed or stored).
    struct Inputs
    {
        ConnectionProfile profile;
        QString ttsApiKey;
        QString policyKey;
        QString clientSecret;
        bool isCurrentProfile = false; // only then the main window's connection lights follow the result
    };
    using InputProvider = std::function<QFuture<Result<Inputs>>()>;

    explicit ConnectionTestPanel(SecretStore *secrets, QWidget *parent = nullptr);
    ~ConnectionTestPanel() override;

    void setInputProvider(InputProvider provider) { m_provider = std::move(provider); }
    bool isRunning() const;
    // The checks shown for `target` (empty before its first test).
    QList<ConnectionCheck> checks(ConnectionCheck::Target target) const;

public slots:
    void testTts();
    void testIotHub();
    void testAzure();
    void testAll();
    void cancel();
    void clearResults();

signals:
    void testFinished(const TwinBridge::ConnectionReport &report);
    // For the main window's status bar lights (MainWindow::setConnectionState); only for the current profile.
    void connectionStateChanged(TwinBridge::ConnectionCheck::Target target, TwinBridge::ConnectionCheck::Status state,
                                const QString &detail);
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Running
    {
        QPointer<ConnectionTest> test;
        QPointer<TokenCredential> credential;
        QTreeWidgetItem *item = nullptr;
        QList<ConnectionCheck> checks;
        ConnectionCheck::Status overall = ConnectionCheck::Status::Pending; // of the target's row
        bool isCurrentProfile = false;
        quint64 request = 0;
    };

    void start(const QList<ConnectionCheck::Target> &targets);
    void launch(ConnectionCheck::Target target, const Inputs &inputs);
    void showCheck(ConnectionCheck::Target target, const ConnectionCheck &check);
    void finishTarget(ConnectionCheck::Target target, const ConnectionReport &report);
    QTreeWidgetItem *targetItem(ConnectionCheck::Target target);
    void updateButtons();
    void updateDetail();
    void retranslateUi();
    void paintItem(QTreeWidgetItem *item, ConnectionCheck::Status status);
    void paintTarget(ConnectionCheck::Target target, ConnectionCheck::Status overall);

    SecretStore *m_secrets;
    QNetworkAccessManager *m_nam;
    InputProvider m_provider;
    QMap<ConnectionCheck::Target, Running> m_running;
    quint64 m_request = 0;

    QPushButton *m_testAllButton = nullptr;
    QPushButton *m_testTtsButton = nullptr;
    QPushButton *m_testIotHubButton = nullptr;
    QPushButton *m_testAzureButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_detailLabel = nullptr;
};

} // namespace TwinBridge
