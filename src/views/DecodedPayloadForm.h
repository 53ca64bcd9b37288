#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;

namespace TwinBridge {

class JsonEditor;

// The form for the desired property `decodedPayload`: a JSON object the device's downlink encoder accepts
// (e.g. {"color": "red"}), checked as typed against JSON syntax and the twin rules; "Write into desired" emits it.
class DecodedPayloadForm : public QWidget
{
    Q_OBJECT

public:
    explicit DecodedPayloadForm(QWidget *parent = nullptr);

    void loadFrom(const QJsonObject &desired);

signals:
    void decodedPayloadRequested(const QJsonObject &decodedPayload);

private:
    void validate();

    JsonEditor *m_editor;
    QLabel *m_error;
    QPushButton *m_write;
    QJsonObject m_object;
};

} // namespace TwinBridge
