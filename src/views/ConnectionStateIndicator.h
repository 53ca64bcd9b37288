#pragma once

#include "services/diagnostics/ConnectionCheck.h"

#include <QMap>
#include <QWidget>

class QLabel;

namespace TwinBridge {

// The permanent status-bar widget of the main window: one light per side of the current profile — The Things
// Stack, IoT Hub, Azure — coloured by the last known state (grey unknown, blue checking, green connected,
// amber warning, red failed) with the sentence behind it as tooltip. Fed through
// MainWindow::setConnectionState() by whoever learns something: the Connections page's tests, the engine.
class ConnectionStateIndicator : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionStateIndicator(QWidget *parent = nullptr);

    void setState(ConnectionCheck::Target target, ConnectionCheck::Status state, const QString &detail = {});
    ConnectionCheck::Status state(ConnectionCheck::Target target) const;
    QString detail(ConnectionCheck::Target target) const;
    // Every light back to "not checked" (another profile is in use).
    void reset();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Light
    {
        QLabel *label = nullptr;
        ConnectionCheck::Status state = ConnectionCheck::Status::Pending;
        QString detail;
    };
    void update(ConnectionCheck::Target target);

    QMap<ConnectionCheck::Target, Light> m_lights;
};

} // namespace TwinBridge
