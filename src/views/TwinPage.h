#pragma once

#include "services/core/ServiceError.h"
#include "services/engine/EngineEvent.h"
#include "services/iothub/DeviceTwin.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTimer;

namespace TwinBridge {

class DecodedPayloadForm;
class DownlinkForm;
class DownlinkTimeline;
class DownlinkTimelineModel;
class EngineHost;
class IotHubServiceClient;
class JsonEditor;
class ProfileSession;
class Settings;
class TwinConflictDialog;

// The Twin page: one device twin with tags, desired and reported properties side by side. Tags and desired are
// edited as JSON (highlighted, checked against IoT Hub's twin rules as typed, the problem marked at its line and
// column); the patch preview shows exactly the merge patch Send will PATCH, with If-Match: the etag read. A 412
// opens TwinConflictDialog (theirs vs mine; re-apply or discard). Reported properties follow the engine's events
// of the device live, or a refresh interval while no engine runs. LoRaWAN helpers write rawDownlink /
// decodedPayload into the desired JSON, and a timeline follows the downlink such a change produced.
class TwinPage : public QWidget
{
    Q_OBJECT

public:
    TwinPage(ProfileSession *session, EngineHost *engine, QWidget *parent = nullptr, Settings *settings = nullptr);
    ~TwinPage() override;

    QString deviceId() const { return m_deviceId; }
    // The twin as last read or written (what the editors' changes are relative to).
    const DeviceTwin &baseTwin() const { return m_base; }
    bool hasTwin() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    // The PATCH body Send would send now (empty when there is nothing to send or the text is invalid).
    QJsonObject pendingPatch() const { return m_patch; }
    DownlinkTimelineModel *timelineModel() const { return m_timelineModel; }
    // The conflict dialog while it is open.
    TwinConflictDialog *conflictDialog() const;

public slots:
    // Reads the twin of `deviceId` (unsaved edits of another device are dropped).
    void openDevice(const QString &deviceId);
    // Reads the twin again. Without unsaved edits everything is replaced; with edits only the reported properties
    // are (the etag and the edits' base stay, so a concurrent change still ends in the conflict dialog).
    void refresh();
    void send();
    // Back to the twin as read.
    void revertEdits();

signals:
    void statusMessage(const QString &message);
    // A twin was read (or re-read after a send) for the shown device.
    void twinLoaded(const QString &deviceId);
    // A PATCH succeeded; the new desired $version.
    void patchSent(const QString &deviceId, qint64 desiredVersion);
    void errorShown(const TwinBridge::ServiceError &error);

private:
    void buildUi();
    void updateSession();
    void restart();
    void loadDeviceIds();
    void setBase(const DeviceTwin &twin, bool replaceEdits);
    void showReported();
    void editsChanged();
    void showError(const ServiceError &error);
    void clearError();
    void setBusy(bool busy);
    void updateVersionLabel();
    void updateRefreshTimer();
    void onEngineEvents(const TwinBridge::EngineEvents &events);
    void sendPatch(int attempt);
    bool retryAfterReportedChange(const ServiceError &error, int attempt);
    void onConflict(const ServiceError &error, const QJsonObject &myTags, const QJsonObject &myDesired,
                    const QJsonObject &patch);
    void writeIntoDesired(const std::function<QJsonObject(const QJsonObject &)> &change);
    bool editsAreDirty() const;
    IotHubServiceClient *hub() const;

    ProfileSession *m_session;
    QPointer<EngineHost> m_engine;
    Settings *m_settings;
    quint64 m_generation = 0; // bumped by openDevice(): late answers about another device are dropped

    QString m_deviceId;
    DeviceTwin m_base;
    bool m_loaded = false;
    bool m_busy = false;
    QJsonObject m_patch;
    QJsonObject m_editedTags;
    QJsonObject m_editedDesired;
    bool m_editsValid = true;

    QComboBox *m_deviceBox = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QLabel *m_versionLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QSplitter *m_splitter = nullptr;
    JsonEditor *m_tagsEditor = nullptr;
    JsonEditor *m_desiredEditor = nullptr;
    JsonEditor *m_reportedEditor = nullptr;
    QLabel *m_tagsProblem = nullptr;
    QLabel *m_desiredProblem = nullptr;
    QLabel *m_reportedSource = nullptr;
    QSpinBox *m_refreshSpin = nullptr;
    QTabWidget *m_helperTabs = nullptr;
    JsonEditor *m_patchPreview = nullptr;
    DownlinkForm *m_downlinkForm = nullptr;
    DecodedPayloadForm *m_decodedForm = nullptr;
    DownlinkTimelineModel *m_timelineModel = nullptr;
    DownlinkTimeline *m_timeline = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QPointer<TwinConflictDialog> m_conflictDialog;
};

} // namespace TwinBridge
