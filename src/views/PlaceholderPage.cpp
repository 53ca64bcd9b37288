#include "views/PlaceholderPage.h"

#include <QFont>
#include <QLabel>
#include <QPalette>
#include <QVBoxLayout>

namespace TwinBridge {

PlaceholderPage::PlaceholderPage(QWidget *parent)
    : QWidget(parent)
    , m_titleLabel(new QLabel(this))
    , m_explanationLabel(new QLabel(this))
    , m_hintLabel(new QLabel(this))
{
    m_titleLabel->setObjectName(QStringLiteral("placeholderTitleLabel"));
    m_explanationLabel->setObjectName(QStringLiteral("placeholderExplanationLabel"));
    m_hintLabel->setObjectName(QStringLiteral("placeholderHintLabel"));

    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);

    m_explanationLabel->setWordWrap(true);
    m_explanationLabel->setAlignment(Qt::AlignCenter);
    m_explanationLabel->setMaximumWidth(560);
    m_hintLabel->setWordWrap(true);
    m_hintLabel->setAlignment(Qt::AlignCenter);
    m_hintLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addStretch(2);
    layout->addWidget(m_titleLabel, 0, Qt::AlignHCenter);
    layout->addWidget(m_explanationLabel, 0, Qt::AlignHCenter);
    layout->addWidget(m_hintLabel, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

void PlaceholderPage::setTitle(const QString &title)
{
    m_titleLabel->setText(title);
}

void PlaceholderPage::setExplanation(const QString &explanation)
{
    m_explanationLabel->setText(explanation);
}

void PlaceholderPage::setHint(const QString &hint)
{
    m_hintLabel->setText(hint);
}

QString PlaceholderPage::title() const
{
    return m_titleLabel->text();
}

QString PlaceholderPage::explanation() const
{
    return m_explanationLabel->text();
}

QString PlaceholderPage::hint() const
{
    return m_hintLabel->text();
}

} // namespace TwinBridge
