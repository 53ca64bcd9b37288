#include "views/ConnectionStateIndicator.h"

#include "views/ColorScheme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace TwinBridge {

namespace {

const char *objectNameOf(ConnectionCheck::Target target)
{
    switch (target) {
    case ConnectionCheck::Target::Tts:
        return "ttsConnectionStateLabel";
    case ConnectionCheck::Target::IotHub:
        return "iotHubConnectionStateLabel";
    case ConnectionCheck::Target::Azure:
        return "azureConnectionStateLabel";
    }
    return "";
}

} // namespace

ConnectionStateIndicator::ConnectionStateIndicator(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("connectionStateIndicator"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    for (ConnectionCheck::Target target :
         {ConnectionCheck::Target::Tts, ConnectionCheck::Target::IotHub, ConnectionCheck::Target::Azure}) {
        auto *label = new QLabel(this);
        label->setObjectName(QLatin1String(objectNameOf(target)));
        label->setTextFormat(Qt::RichText);
        layout->addWidget(label);
        m_lights.insert(target, Light {label, ConnectionCheck::Status::Pending, {}});
        update(target);
    }
}

void ConnectionStateIndicator::setState(ConnectionCheck::Target target, ConnectionCheck::Status state,
                                        const QString &detail)
{
    Light &light = m_lights[target];
    light.state = state;
    light.detail = detail;
    update(target);
}

ConnectionCheck::Status ConnectionStateIndicator::state(ConnectionCheck::Target target) const
{
    return m_lights.value(target).state;
}

QString ConnectionStateIndicator::detail(ConnectionCheck::Target target) const
{
    return m_lights.value(target).detail;
}

void ConnectionStateIndicator::reset()
{
    for (auto it = m_lights.begin(); it != m_lights.end(); ++it) {
        it->state = ConnectionCheck::Status::Pending;
        it->detail.clear();
        update(it.key());
    }
}

void ConnectionStateIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        for (auto it = m_lights.cbegin(); it != m_lights.cend(); ++it)
            update(it.key());
    }
    QWidget::changeEvent(event);
}

void ConnectionStateIndicator::update(ConnectionCheck::Target target)
{
    const Light &light = m_lights[target];
    if (!light.label)
        return;
    const QString name = ConnectionCheck::targetName(target);
    const QColor color = ColorScheme::statusColor(light.state, palette());
    light.label->setText(
        QStringLiteral("<span style=\"color:%1\">●</span> %2").arg(color.name(), name.toHtmlEscaped()));
    QString state;
    switch (light.state) {
    case ConnectionCheck::Status::Passed:
        state = tr("%1: connected").arg(name);
        break;
    case ConnectionCheck::Status::Warning:
        state = tr("%1: connected, with warnings").arg(name);
        break;
    case ConnectionCheck::Status::Failed:
        state = tr("%1: not working").arg(name);
        break;
    case ConnectionCheck::Status::Running:
        state = tr("%1: checking…").arg(name);
        break;
    case ConnectionCheck::Status::Pending:
    case ConnectionCheck::Status::Skipped:
        state = tr("%1: not checked yet — use “Test connection” on the Connections page").arg(name);
        break;
    }
    const QString toolTip = light.detail.isEmpty() ? state : state + QLatin1Char('\n') + light.detail;
    light.label->setToolTip(toolTip);
    light.label->setAccessibleName(state);
}

} // namespace TwinBridge
