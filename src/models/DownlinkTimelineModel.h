#pragma once

#include "services/engine/EngineEvent.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonObject>

namespace TwinBridge {

// The life of the downlink one desired-property change asks for, as the twin editor shows it:
// desired $version → handed to TTS by the engine → queued → sent → ack / nack / failed.
// Fed from the engine's events of the device (EngineEvent DownlinkScheduled and DownlinkEvent with the reported
// `downlink` status in their detail) and from the twin's reported `downlink` object (engine.md, UplinkTranslator).
// Stages only move forward; events older than the tracked change, or about another frame payload, are ignored.
class DownlinkTimelineModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Stage { Desired, Scheduled, Queued, Sent, Outcome };
    Q_ENUM(Stage)
    static constexpr int StageCount = 5;

    enum class State { Pending, Reached, Failed };
    Q_ENUM(State)

    enum Role {
        StageRole = Qt::UserRole + 1, // int (Stage)
        StateRole, // int (State)
        TimeRole, // QDateTime, invalid while pending
        DetailRole, // QString: what happened ("desired $version 7", "ack", "failed: …")
    };
    Q_ENUM(Role)

    explicit DownlinkTimelineModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Starts following a new change: the desired $version it produced, when it was sent, and the rawDownlink it
    // asked for (empty for a decodedPayload-only change; then any frame payload matches).
    void start(const QString &deviceId, qint64 desiredVersion, const QDateTime &sentAt,
               const QJsonObject &rawDownlink = {});
    void clear();

    bool isTracking() const { return !m_deviceId.isEmpty(); }
    QString deviceId() const { return m_deviceId; }
    qint64 desiredVersion() const { return m_desiredVersion; }
    // The furthest stage reached (Desired right after start()).
    Stage currentStage() const { return m_current; }
    State stateOf(Stage stage) const { return m_steps[int(stage)].state; }
    // "ack", "nack", "failed", "invalidated" once the outcome is known, else empty.
    QString outcome() const { return m_outcome; }

    // Return true when the timeline moved.
    bool applyEvent(const EngineEvent &event);
    bool applyReportedDownlink(const QJsonObject &downlink);

    static QString stageName(Stage stage);

signals:
    void advanced(TwinBridge::DownlinkTimelineModel::Stage stage);

private:
    struct Step
    {
        State state = State::Pending;
        QDateTime time;
        QString detail;
    };

    bool applyStatus(const QString &status, const QDateTime &time, const QJsonObject &downlink);
    bool reach(Stage stage, State state, const QDateTime &time, const QString &detail);
    bool reachOutcome(const QString &outcome, State state, const QDateTime &time, const QString &detail);

    QString m_deviceId;
    qint64 m_desiredVersion = -1;
    QDateTime m_sentAt;
    QString m_framePayload; // upper-case hex of the tracked rawDownlink, empty = any
    Stage m_current = Stage::Desired;
    QString m_outcome;
    Step m_steps[StageCount];
};

} // namespace TwinBridge
