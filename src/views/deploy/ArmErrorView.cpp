#include "views/deploy/ArmErrorView.h"

#include "services/azure/CloudError.h"
#include "views/ColorScheme.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace TwinBridge {

ArmErrorView::ArmErrorView(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy details"), this))
    , m_retry(new QPushButton(tr("&Retry"), this))
{
    m_heading->setObjectName(QStringLiteral("errorHeading"));
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_heading->palette();
    palette.setColor(QPalette::WindowText, ColorScheme::errorColor(palette));
    m_heading->setPalette(palette);

    m_details->setObjectName(QStringLiteral("errorDetails"));
    m_details->setReadOnly(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_details->setAccessibleName(tr("Error details"));

    m_copy->setObjectName(QStringLiteral("copyErrorButton"));
    m_copy->setAccessibleName(tr("Copy the error and its details"));
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setAccessibleName(tr("Retry"));
    connect(m_copy, &QPushButton::clicked, this, [this]() { QGuiApplication::clipboard()->setText(text()); });
    connect(m_retry, &QPushButton::clicked, this, &ArmErrorView::retryRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_copy);
    buttons->addWidget(m_retry);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_details);
    layout->addLayout(buttons);
    setVisible(false);
}

void ArmErrorView::setError(const ServiceError &error)
{
    m_error = error;
    m_heading->setText(error.toString());
    const QStringList lines = detailLines(error);
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
    // As tall as the details (wrapped lines count once; the view scrolls), at most about ten lines.
    const int lineHeight = m_details->fontMetrics().lineSpacing();
    const int shown = qBound(2, int(lines.size()) + 2, 10);
    m_details->setFixedHeight(shown * lineHeight + 2 * m_details->frameWidth() + 8);
    m_details->setVisible(!lines.isEmpty());
    setVisible(true);
}

void ArmErrorView::clear()
{
    m_error = ServiceError();
    m_heading->clear();
    m_details->clear();
    setVisible(false);
}

QString ArmErrorView::text() const
{
    return describe(m_error);
}

void ArmErrorView::setRetryVisible(bool visible)
{
    m_retry->setVisible(visible);
}

QString ArmErrorView::describe(const ServiceError &error)
{
    if (!error.isError())
        return {};
    QString text = error.toString();
    const QStringList lines = detailLines(error);
    if (!lines.isEmpty())
        text += QLatin1Char('\n') + tr("Details:") + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
    return text;
}

QStringList ArmErrorView::detailLines(const ServiceError &error)
{
    const QJsonObject payload = error.payload().toObject();
    const QJsonObject deploymentError =
        payload.value(QLatin1String("properties")).toObject().value(QLatin1String("error")).toObject();
    std::optional<CloudError> cloud = CloudError::fromJson(deploymentError);
    if (!cloud)
        cloud = CloudError::fromJson(payload);
    if (cloud)
        return cloud->flatten();
    QStringList lines = error.detail().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines;
}

} // namespace TwinBridge
