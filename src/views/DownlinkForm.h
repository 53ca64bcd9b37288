#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace TwinBridge {

// The form for the desired property `rawDownlink` (tts-integration.md §1.5): FPort 1–223, the frame payload in
// hex (checked as typed, the problem shown under the field), confirmed, push or replace, and "binary only"
// (adds "decodedPayload": null so that no encoder runs). "Write into desired" emits the object; the twin page puts
// it into the desired JSON, where the patch preview shows what will be sent.
class DownlinkForm : public QWidget
{
    Q_OBJECT

public:
    explicit DownlinkForm(QWidget *parent = nullptr);

    // Fills the form from a desired section's rawDownlink (left as is when there is none).
    void loadFrom(const QJsonObject &desired);

signals:
    void rawDownlinkRequested(const QJsonObject &rawDownlink, bool binaryOnly);

private:
    void validate();
    void write();

    QSpinBox *m_fPort;
    QLineEdit *m_payload;
    QLabel *m_payloadError;
    QCheckBox *m_confirmed;
    QComboBox *m_operation;
    QCheckBox *m_binaryOnly;
    QPushButton *m_write;
};

} // namespace TwinBridge
