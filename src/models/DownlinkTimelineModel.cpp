#include "models/DownlinkTimelineModel.h"

#include <QJsonArray>
#include <QLocale>

namespace TwinBridge {

namespace {

// TTS message type names (TtsMessageType) of downlink events → the status names of the reported `downlink`.
QString statusOfMessageType(const QString &messageType)
{
    static const QHash<QString, QString> map {
        {QStringLiteral("downlinkQueued"), QStringLiteral("queued")},
        {QStringLiteral("downlinkSent"), QStringLiteral("sent")},
        {QStringLiteral("downlinkAck"), QStringLiteral("ack")},
        {QStringLiteral("downlinkNack"), QStringLiteral("nack")},
        {QStringLiteral("downlinkFailed"), QStringLiteral("failed")},
        {QStringLiteral("downlinkQueueInvalidated"), QStringLiteral("invalidated")},
    };
    return map.value(messageType);
}

} // namespace

DownlinkTimelineModel::DownlinkTimelineModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int DownlinkTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : StageCount;
}

QString DownlinkTimelineModel::stageName(Stage stage)
{
    switch (stage) {
    case Stage::Desired:
        return tr("Desired");
    case Stage::Scheduled:
        return tr("Handed to TTS");
    case Stage::Queued:
        return tr("Queued");
    case Stage::Sent:
        return tr("Sent");
    case Stage::Outcome:
        return tr("Ack / nack");
    }
    return {};
}

QVariant DownlinkTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Stage stage = Stage(index.row());
    const Step &step = m_steps[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return stageName(stage);
    case Qt::ToolTipRole:
        if (step.state == State::Pending)
            return tr("%1: not yet").arg(stageName(stage));
        return tr("%1: %2 at %3")
            .arg(stageName(stage), step.detail, QLocale().toString(step.time.toLocalTime(), QLocale::ShortFormat));
    case StageRole:
        return int(stage);
    case StateRole:
        return int(step.state);
    case TimeRole:
        return step.time;
    case DetailRole:
        return step.detail;
    default:
        return {};
    }
}

QHash<int, QByteArray> DownlinkTimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(StageRole, "stage");
    names.insert(StateRole, "state");
    names.insert(TimeRole, "time");
    names.insert(DetailRole, "detail");
    return names;
}

void DownlinkTimelineModel::start(const QString &deviceId, qint64 desiredVersion, const QDateTime &sentAt,
                                  const QJsonObject &rawDownlink)
{
    for (Step &step : m_steps)
        step = Step();
    m_deviceId = deviceId;
    m_desiredVersion = desiredVersion;
    m_sentAt = sentAt.toUTC();
    m_framePayload = rawDownlink.value(QLatin1String("framePayload")).toString().toUpper();
    m_outcome.clear();
    m_current = Stage::Desired;
    m_steps[int(Stage::Desired)] = {State::Reached, m_sentAt, tr("desired $version %1").arg(desiredVersion)};
    emit dataChanged(index(0), index(StageCount - 1));
    emit advanced(Stage::Desired);
}

void DownlinkTimelineModel::clear()
{
    for (Step &step : m_steps)
        step = Step();
    m_deviceId.clear();
    m_desiredVersion = -1;
    m_sentAt = {};
    m_framePayload.clear();
    m_outcome.clear();
    m_current = Stage::Desired;
    emit dataChanged(index(0), index(StageCount - 1));
}

bool DownlinkTimelineModel::reach(Stage stage, State state, const QDateTime &time, const QString &detail)
{
    if (int(stage) <= int(m_current) && m_steps[int(stage)].state != State::Pending)
        return false;
    if (int(stage) < int(m_current))
        return false;
    const QDateTime when = time.isValid() ? time.toUTC() : QDateTime::currentDateTimeUtc();
    const int first = int(m_current) + 1;
    // Stages in between that nobody reported (a filter left their events out) were passed all the same.
    for (int i = first; i < int(stage); ++i) {
        if (m_steps[i].state == State::Pending)
            m_steps[i] = {State::Reached, when, tr("passed (not reported)")};
    }
    m_steps[int(stage)] = {state, when, detail};
    m_current = stage;
    emit dataChanged(index(std::min(first, int(stage))), index(int(stage)));
    emit advanced(stage);
    return true;
}

bool DownlinkTimelineModel::reachOutcome(const QString &outcome, State state, const QDateTime &time,
                                         const QString &detail)
{
    // Known before dataChanged, so that views reading outcome() on that signal see it.
    const QString previous = m_outcome;
    m_outcome = outcome;
    if (reach(Stage::Outcome, state, time, detail))
        return true;
    m_outcome = previous;
    return false;
}

bool DownlinkTimelineModel::applyStatus(const QString &status, const QDateTime &time, const QJsonObject &downlink)
{
    if (status.isEmpty())
        return false;
    if (time.isValid() && m_sentAt.isValid() && time.toUTC() < m_sentAt)
        return false; // about an earlier downlink
    const QString payload = downlink.value(QLatin1String("framePayload")).toString().toUpper();
    if (!m_framePayload.isEmpty() && !payload.isEmpty() && payload != m_framePayload)
        return false; // another downlink of the device
    if (status == QLatin1String("queued"))
        return reach(Stage::Queued, State::Reached, time, tr("queued in TTS"));
    if (status == QLatin1String("sent"))
        return reach(Stage::Sent, State::Reached, time, tr("sent to the device"));
    QString detail;
    State state = State::Failed;
    if (status == QLatin1String("ack")) {
        state = State::Reached;
        detail = tr("acknowledged by the device");
    } else if (status == QLatin1String("nack")) {
        detail = tr("not acknowledged by the device");
    } else if (status == QLatin1String("failed")) {
        const QString message =
            downlink.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
        detail = message.isEmpty() ? tr("failed in TTS") : tr("failed in TTS: %1").arg(message);
    } else if (status == QLatin1String("invalidated")) {
        detail = tr("the queue was invalidated (frame counter or session change)");
    } else {
        return false;
    }
    return reachOutcome(status, state, time, detail);
}

bool DownlinkTimelineModel::applyEvent(const EngineEvent &event)
{
    if (!isTracking() || event.deviceId != m_deviceId)
        return false;
    if (event.kind == EngineEvent::Kind::DownlinkScheduled) {
        if (event.time.isValid() && m_sentAt.isValid() && event.time.toUTC() < m_sentAt)
            return false;
        const QString action = event.detail.value(QLatin1String("actions")).toArray().isEmpty()
            ? QString()
            : event.detail.value(QLatin1String("actions")).toArray().first().toString();
        return reach(Stage::Scheduled, State::Reached, event.time,
                     action.isEmpty() ? tr("handed to TTS") : tr("handed to TTS (%1)").arg(action));
    }
    if (event.kind == EngineEvent::Kind::Error && int(m_current) < int(Stage::Scheduled) &&
        event.detail.contains(QLatin1String("opType"))) {
        // The engine could not hand the change to TTS (TTS unreachable or refusing the payload). The step shows
        // the error, but the timeline does not end: the engine retries what can succeed, and a later
        // DownlinkScheduled overwrites it.
        if (event.time.isValid() && m_sentAt.isValid() && event.time.toUTC() < m_sentAt)
            return false;
        const int row = int(Stage::Scheduled);
        m_steps[row] = {State::Failed, event.time.isValid() ? event.time.toUTC() : QDateTime::currentDateTimeUtc(),
                        event.summary};
        emit dataChanged(index(row), index(row));
        return true;
    }
    if (event.kind != EngineEvent::Kind::DownlinkEvent)
        return false;
    const QJsonObject downlink =
        event.detail.value(QLatin1String("reported")).toObject().value(QLatin1String("downlink")).toObject();
    QString status = downlink.value(QLatin1String("status")).toString();
    if (status.isEmpty())
        status = statusOfMessageType(event.detail.value(QLatin1String("messageType")).toString());
    return applyStatus(status, event.time, downlink);
}

bool DownlinkTimelineModel::applyReportedDownlink(const QJsonObject &downlink)
{
    if (!isTracking())
        return false;
    const QDateTime time = QDateTime::fromString(downlink.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return false; // cannot tell whether it is about the tracked change
    return applyStatus(downlink.value(QLatin1String("status")).toString(), time, downlink);
}

} // namespace TwinBridge
