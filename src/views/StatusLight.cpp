#include "views/StatusLight.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace TwinBridge {

class StatusLight::Dot : public QWidget
{
public:
    explicit Dot(QWidget *parent)
        : QWidget(parent)
    {
        setFixedSize(16, 16);
    }
    void setColor(const QColor &color)
    {
        m_color = color;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(palette().color(QPalette::WindowText), 0.5));
        painter.setBrush(m_color);
        painter.drawEllipse(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5));
    }

private:
    QColor m_color;
};

StatusLight::StatusLight(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_dot(new Dot(this))
    , m_name(new QLabel(name, this))
    , m_text(new QLabel(this))
{
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setMinimumWidth(120);

    auto *title = new QHBoxLayout;
    title->setContentsMargins(0, 0, 0, 0);
    title->addWidget(m_dot);
    title->addWidget(m_name, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(title);
    layout->addWidget(m_text, 1, Qt::AlignTop);
    setLight(BridgeHealth::Light {});
}

void StatusLight::setName(const QString &name)
{
    m_name->setText(name);
}

QColor StatusLight::colorFor(BridgeHealth::Status status)
{
    switch (status) {
    case BridgeHealth::Status::Off:
        return QColor(0x9e, 0x9e, 0x9e);
    case BridgeHealth::Status::Waiting:
        return QColor(0x42, 0x8b, 0xd6);
    case BridgeHealth::Status::Ok:
        return QColor(0x2e, 0x9d, 0x4f);
    case BridgeHealth::Status::Warning:
        return QColor(0xf0, 0xa2, 0x02);
    case BridgeHealth::Status::Failed:
        return QColor(0xd3, 0x2f, 0x2f);
    }
    return {};
}

void StatusLight::setLight(const BridgeHealth::Light &light)
{
    m_light = light;
    m_dot->setColor(colorFor(light.status));
    m_text->setText(light.text);
    setToolTip(light.text);
    setProperty("status", BridgeHealth::statusName(light.status));
}

} // namespace TwinBridge
