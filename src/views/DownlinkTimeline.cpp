#include "views/DownlinkTimeline.h"

#include "models/DownlinkTimelineModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace TwinBridge {

DownlinkTimeline::DownlinkTimeline(DownlinkTimelineModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_caption(new QLabel(this))
{
    m_caption->setObjectName(QStringLiteral("timelineCaptionLabel"));
    m_caption->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    auto *row = new QHBoxLayout;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        if (i > 0)
            row->addWidget(new QLabel(QStringLiteral("→"), this));
        auto *step = new QLabel(this);
        step->setObjectName(QStringLiteral("timelineStep%1").arg(i));
        step->setAlignment(Qt::AlignCenter);
        step->setMargin(4);
        m_steps.append(step);
        row->addWidget(step);
    }
    row->addStretch(1);
    layout->addLayout(row);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DownlinkTimeline::refresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DownlinkTimeline::refresh);
    refresh();
}

void DownlinkTimeline::refresh()
{
    m_caption->setText(
        m_model->isTracking()
            ? tr("Downlink of desired $version %1 for %2:").arg(m_model->desiredVersion()).arg(m_model->deviceId())
            : tr("Downlink: send a rawDownlink or decodedPayload change to follow it here."));
    for (int i = 0; i < m_steps.size(); ++i) {
        const QModelIndex index = m_model->index(i);
        const auto state = DownlinkTimelineModel::State(m_model->data(index, DownlinkTimelineModel::StateRole).toInt());
        QString text = m_model->data(index, Qt::DisplayRole).toString();
        QString style;
        switch (state) {
        case DownlinkTimelineModel::State::Pending:
            style = QStringLiteral("color: palette(mid); border: 1px dashed palette(mid); border-radius: 4px;");
            break;
        case DownlinkTimelineModel::State::Reached:
            text = QStringLiteral("✓ ") + text;
            style = QStringLiteral("color: white; background: #2e7d32; border-radius: 4px;");
            break;
        case DownlinkTimelineModel::State::Failed:
            text = QStringLiteral("✗ ") + text;
            style = QStringLiteral("color: white; background: #c62828; border-radius: 4px;");
            break;
        }
        if (i == int(DownlinkTimelineModel::Stage::Outcome) && !m_model->outcome().isEmpty())
            text += QStringLiteral(": ") + m_model->outcome();
        m_steps[i]->setText(text);
        m_steps[i]->setStyleSheet(style);
        m_steps[i]->setToolTip(m_model->data(index, Qt::ToolTipRole).toString());
        m_steps[i]->setProperty("state", int(state));
    }
}

} // namespace TwinBridge
