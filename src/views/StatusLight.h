#pragma once

#include "models/BridgeHealth.h"

#include <QWidget>

class QLabel;

namespace TwinBridge {

// One status light of the Bridge page: a coloured dot (grey off, blue waiting, green ok, amber warning, red
// failed), the side's name and a one-line text (elided; the whole sentence in the tooltip). The dynamic
// property "status" holds BridgeHealth::statusName() for style sheets and tests.
class StatusLight : public QWidget
{
    Q_OBJECT

public:
    explicit StatusLight(const QString &name, QWidget *parent = nullptr);

    void setName(const QString &name);
    void setLight(const BridgeHealth::Light &light);
    BridgeHealth::Status status() const { return m_light.status; }
    QString text() const { return m_light.text; }

    static QColor colorFor(BridgeHealth::Status status);

private:
    class Dot;
    Dot *m_dot = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_text = nullptr;
    BridgeHealth::Light m_light;
};

} // namespace TwinBridge
