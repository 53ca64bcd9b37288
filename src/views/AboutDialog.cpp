#include "views/AboutDialog.h"

#include "services/core/VersionInfo.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace TwinBridge {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_iconLabel(new QLabel(this))
    , m_titleLabel(new QLabel(this))
    , m_descriptionLabel(new QLabel(this))
    , m_componentsLabel(new QLabel(this))
    , m_componentsTable(new QTableWidget(this))
    , m_copyButton(new QPushButton(this))
    , m_buttonBox(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    m_titleLabel->setObjectName(QStringLiteral("aboutTitleLabel"));
    m_descriptionLabel->setObjectName(QStringLiteral("aboutDescriptionLabel"));
    m_componentsTable->setObjectName(QStringLiteral("componentVersionsTableWidget"));
    m_copyButton->setObjectName(QStringLiteral("copyVersionsButton"));

    const QIcon icon = QApplication::windowIcon();
    if (!icon.isNull())
        m_iconLabel->setPixmap(icon.pixmap(64, 64));

    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_descriptionLabel->setWordWrap(true);

    const QList<VersionInfo::Component> components = VersionInfo::components();
    m_componentsTable->setColumnCount(2);
    m_componentsTable->setRowCount(int(components.size()));
    for (int row = 0; row < components.size(); ++row) {
        const VersionInfo::Component &component = components.at(row);
        m_componentsTable->setItem(row, 0, new QTableWidgetItem(component.name));
        m_componentsTable->setItem(row, 1, new QTableWidgetItem(component.version));
    }
    m_componentsTable->verticalHeader()->hide();
    m_componentsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_componentsTable->horizontalHeader()->setStretchLastSection(true);
    m_componentsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_componentsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_componentsTable->setAlternatingRowColors(true);
    // Read-only information: keyboard focus starts on the buttons, not on a table cell.
    m_componentsTable->setFocusPolicy(Qt::NoFocus);
    m_componentsLabel->setBuddy(m_componentsTable);

    m_buttonBox->addButton(m_copyButton, QDialogButtonBox::ActionRole);
    connect(m_copyButton, &QPushButton::clicked, this, &AboutDialog::copyVersions);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *header = new QHBoxLayout;
    header->addWidget(m_iconLabel, 0, Qt::AlignTop);
    auto *headerText = new QVBoxLayout;
    headerText->addWidget(m_titleLabel);
    headerText->addWidget(m_descriptionLabel);
    header->addLayout(headerText, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_componentsLabel);
    layout->addWidget(m_componentsTable);
    layout->addWidget(m_buttonBox);

    retranslateUi();
    resize(520, 340);
}

QString AboutDialog::versionsText() const
{
    return VersionInfo::versionText(QStringLiteral("TwinBridge"));
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AboutDialog::retranslateUi()
{
    setWindowTitle(tr("About TwinBridge"));
    m_titleLabel->setText(tr("TwinBridge %1").arg(VersionInfo::application()));
    m_descriptionLabel->setText(
        tr("A desktop console and integration engine that connects a The Things Stack LoRaWAN application "
           "to Azure IoT Hub."));
    m_componentsLabel->setText(tr("Built on:"));
    m_componentsTable->setHorizontalHeaderLabels({tr("Component"), tr("Version")});
    const QList<VersionInfo::Component> components = VersionInfo::components();
    for (int row = 0; row < components.size() && row < m_componentsTable->rowCount(); ++row) {
        const VersionInfo::Component &component = components.at(row);
        if (!component.buildVersion.isEmpty() && component.buildVersion != component.version) {
            m_componentsTable->item(row, 1)->setToolTip(tr("Built with %1").arg(component.buildVersion));
        }
    }
    m_copyButton->setText(tr("&Copy Versions"));
    m_copyButton->setToolTip(tr("Copy these versions to the clipboard, for example for a bug report."));
}

void AboutDialog::copyVersions()
{
    QApplication::clipboard()->setText(versionsText());
}

} // namespace TwinBridge
