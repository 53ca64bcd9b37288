#include "views/DownlinkForm.h"

#include "models/DesiredDownlink.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace TwinBridge {

DownlinkForm::DownlinkForm(QWidget *parent)
    : QWidget(parent)
    , m_fPort(new QSpinBox(this))
    , m_payload(new QLineEdit(this))
    , m_payloadError(new QLabel(this))
    , m_confirmed(new QCheckBox(tr("Confirmed (the device acknowledges it)"), this))
    , m_operation(new QComboBox(this))
    , m_binaryOnly(new QCheckBox(tr("Binary only (no payload encoder: sends \"decodedPayload\": null)"), this))
    , m_write(new QPushButton(tr("&Write into desired"), this))
{
    m_fPort->setObjectName(QStringLiteral("fPortSpinBox"));
    m_fPort->setRange(DesiredDownlink::MinFPort, DesiredDownlink::MaxFPort);
    m_fPort->setToolTip(
        tr("LoRaWAN application port, %1–%2").arg(DesiredDownlink::MinFPort).arg(DesiredDownlink::MaxFPort));
    m_payload->setObjectName(QStringLiteral("framePayloadEdit"));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setPlaceholderText(tr("hex bytes, e.g. BEEF or be ef 01"));
    m_payloadError->setObjectName(QStringLiteral("framePayloadErrorLabel"));
    m_payloadError->setWordWrap(true);
    m_payloadError->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_payloadError->hide();
    m_confirmed->setObjectName(QStringLiteral("confirmedCheckBox"));
    m_operation->setObjectName(QStringLiteral("operationComboBox"));
    m_operation->addItem(tr("Push (add to the queue)"), QStringLiteral("push"));
    m_operation->addItem(tr("Replace (clear the queue first)"), QStringLiteral("replace"));
    m_binaryOnly->setObjectName(QStringLiteral("binaryOnlyCheckBox"));
    m_binaryOnly->setChecked(true);
    m_write->setObjectName(QStringLiteral("writeRawDownlinkButton"));
    m_write->setEnabled(false);

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("FPort:"), m_fPort);
    layout->addRow(tr("Frame payload:"), m_payload);
    layout->addRow(QString(), m_payloadError);
    layout->addRow(QString(), m_confirmed);
    layout->addRow(tr("Operation:"), m_operation);
    layout->addRow(QString(), m_binaryOnly);
    layout->addRow(QString(), m_write);

    connect(m_payload, &QLineEdit::textChanged, this, &DownlinkForm::validate);
    connect(m_payload, &QLineEdit::returnPressed, this, &DownlinkForm::write);
    connect(m_write, &QPushButton::clicked, this, &DownlinkForm::write);
}

void DownlinkForm::loadFrom(const QJsonObject &desired)
{
    const std::optional<DesiredDownlink::Raw> raw = DesiredDownlink::rawFromDesired(desired);
    if (!raw)
        return;
    m_fPort->setValue(raw->fPort);
    m_payload->setText(raw->framePayload);
    m_confirmed->setChecked(raw->confirmed);
    m_operation->setCurrentIndex(raw->replace ? 1 : 0);
    m_binaryOnly->setChecked(desired.contains(DesiredDownlink::decodedPayloadKey()) &&
                             desired.value(DesiredDownlink::decodedPayloadKey()).isNull());
    validate();
}

void DownlinkForm::validate()
{
    const Result<QString> hex = DesiredDownlink::normalizedHex(m_payload->text());
    const bool empty = m_payload->text().trimmed().isEmpty();
    m_payloadError->setText(hex ? QString() : hex.error().message());
    m_payloadError->setVisible(!hex && !empty);
    m_write->setEnabled(hex.ok());
}

void DownlinkForm::write()
{
    DesiredDownlink::Raw raw;
    raw.fPort = m_fPort->value();
    raw.framePayload = m_payload->text();
    raw.confirmed = m_confirmed->isChecked();
    raw.replace = m_operation->currentData().toString() == QLatin1String("replace");
    const Result<QJsonObject> json = DesiredDownlink::rawDownlinkJson(raw);
    if (!json) {
        m_payloadError->setText(json.error().message());
        m_payloadError->show();
        return;
    }
    emit rawDownlinkRequested(json.value(), m_binaryOnly->isChecked());
}

} // namespace TwinBridge
