#include "views/DecodedPayloadForm.h"

#include "models/DesiredDownlink.h"
#include "models/TwinDocument.h"
#include "views/JsonEditor.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace TwinBridge {

DecodedPayloadForm::DecodedPayloadForm(QWidget *parent)
    : QWidget(parent)
    , m_editor(new JsonEditor(this))
    , m_error(new QLabel(this))
    , m_write(new QPushButton(tr("&Write into desired"), this))
{
    m_editor->setObjectName(QStringLiteral("decodedPayloadEditor"));
    m_editor->setPlaceholderText(tr("{\"color\": \"red\"}"));
    m_error->setObjectName(QStringLiteral("decodedPayloadErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_error->hide();
    m_write->setObjectName(QStringLiteral("writeDecodedPayloadButton"));
    m_write->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("An object the device's downlink payload encoder accepts. TTS encodes it and sends "
                               "it on the FPort the encoder chooses."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_write, 0, Qt::AlignLeft);

    connect(m_editor, &JsonEditor::textChanged, this, &DecodedPayloadForm::validate);
    connect(m_write, &QPushButton::clicked, this, [this] { emit decodedPayloadRequested(m_object); });
}

void DecodedPayloadForm::loadFrom(const QJsonObject &desired)
{
    const QJsonValue value = desired.value(DesiredDownlink::decodedPayloadKey());
    if (value.isObject())
        m_editor->setObject(value.toObject());
}

void DecodedPayloadForm::validate()
{
    const QString text = m_editor->toPlainText();
    // Checked as what it becomes: a member of the desired properties.
    const TwinDocument::Parsed parsed = TwinDocument::parse(text, TwinRules::Section::Desired);
    m_editor->setProblem(parsed.problem);
    m_error->setText(parsed.problem ? parsed.problem->message : QString());
    m_error->setVisible(parsed.problem.has_value());
    m_object = parsed.object;
    m_write->setEnabled(parsed.ok() && !text.trimmed().isEmpty());
}

} // namespace TwinBridge
