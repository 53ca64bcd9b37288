#include "views/PlaceholderPage.h"

#include <QFont>
#include <QHBoxLayout>
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

    m_titleLabel->setAlignment(Qt::AlignCenter);
    m_explanationLabel->setWordWrap(true);
    m_explanationLabel->setAlignment(Qt::AlignCenter);
    m_hintLabel->setWordWrap(true);
    m_hintLabel->setAlignment(Qt::AlignCenter);
    m_hintLabel->setForegroundRole(QPalette::PlaceholderText);

    // The texts fill a column of limited width (word-wrapped labels need the full width of their layout to
    // compute their height), and the column sits in the middle of the page.
    auto *column = new QWidget(this);
    column->setObjectName(QStringLiteral("placeholderColumn"));
    column->setMaximumWidth(560);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(12);
    columnLayout->addWidget(m_titleLabel);
    columnLayout->addWidget(m_explanationLabel);
    columnLayout->addWidget(m_hintLabel);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addStretch(2);
    layout->addLayout(row);
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
