#pragma once

#include <QWidget>

class QLabel;

namespace TwinBridge {

class DownlinkTimelineModel;

// A row of steps (desired $version → handed to TTS → queued → sent → ack/nack) for a DownlinkTimelineModel:
// each step a label, grey while pending, green when reached, red when it failed, with time and detail in its
// tool tip; a caption says what is being followed.
class DownlinkTimeline : public QWidget
{
    Q_OBJECT

public:
    explicit DownlinkTimeline(DownlinkTimelineModel *model, QWidget *parent = nullptr);

    DownlinkTimelineModel *model() const { return m_model; }
    // The step label of `row` (object names "timelineStep0" … "timelineStep4").
    QLabel *stepLabel(int row) const { return m_steps.value(row); }

private:
    void refresh();

    DownlinkTimelineModel *m_model;
    QLabel *m_caption;
    QList<QLabel *> m_steps;
};

} // namespace TwinBridge
