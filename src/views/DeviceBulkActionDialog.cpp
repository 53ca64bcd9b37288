#include "views/DeviceBulkActionDialog.h"

#include "services/iothub/HubThrottle.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

enum TableColumn { DeviceColumn, PlanColumn, ResultColumn, TableColumnCount };

QString durationText(qint64 ms)
{
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 60)
        return DeviceBulkActionDialog::tr("%n second(s)", nullptr, int(seconds));
    const qint64 minutes = (seconds + 59) / 60;
    return DeviceBulkActionDialog::tr("%n minute(s)", nullptr, int(minutes));
}

} // namespace

QString DeviceBulkActionDialog::confirmationWord()
{
    return tr("delete");
}

DeviceBulkActionDialog::DeviceBulkActionDialog(MirrorBulkRunner::Action action,
                                               const QList<MirrorBulkRunner::Item> &items, QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_steps(MirrorBulkRunner::plan(action, items))
{
    setObjectName(QStringLiteral("bulkActionDialog"));
    setWindowTitle(MirrorBulkRunner::actionName(action));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(760, 480);

    auto *layout = new QVBoxLayout(this);
    int runs = 0;
    for (const MirrorBulkRunner::PlannedStep &step : std::as_const(m_steps)) {
        if (step.runs)
            m_runRows.append(int(&step - m_steps.constData()));
        runs += step.runs ? 1 : 0;
    }
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("bulkSummaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setText(tr("Dry run — nothing has been changed yet. %1 of %n selected device(s) will be changed, "
                               "%2 skipped.",
                               nullptr, int(m_steps.size()))
                                .arg(runs)
                                .arg(m_steps.size() - runs));
    layout->addWidget(m_summaryLabel);

    m_table = new QTableWidget(int(m_steps.size()), TableColumnCount, this);
    m_table->setObjectName(QStringLiteral("bulkStepsTable"));
    m_table->setHorizontalHeaderLabels({tr("Device ID"), tr("Planned"), tr("Result")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(PlanColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    for (int row = 0; row < m_steps.size(); ++row) {
        const MirrorBulkRunner::PlannedStep &step = m_steps.at(row);
        m_table->setItem(row, DeviceColumn, new QTableWidgetItem(step.item.deviceId));
        auto *plan = new QTableWidgetItem(step.description);
        plan->setToolTip(step.description);
        m_table->setItem(row, PlanColumn, plan);
        m_table->setItem(row, ResultColumn,
                         new QTableWidgetItem(step.runs
                                                  ? QString()
                                                  : MirrorBulkRunner::outcomeName(MirrorBulkRunner::Outcome::Skipped)));
    }
    layout->addWidget(m_table, 1);

    if (MirrorBulkRunner::isDestructive(action)) {
        m_confirmLabel = new QLabel(
            tr("This deletes the devices from The Things Stack and IoT Hub; it cannot be undone. Type “%1” to "
               "confirm.")
                .arg(confirmationWord()),
            this);
        m_confirmLabel->setWordWrap(true);
        layout->addWidget(m_confirmLabel);
        m_confirmEdit = new QLineEdit(this);
        m_confirmEdit->setObjectName(QStringLiteral("typedConfirmationLineEdit"));
        m_confirmEdit->setPlaceholderText(confirmationWord());
        m_confirmLabel->setBuddy(m_confirmEdit);
        connect(m_confirmEdit, &QLineEdit::textChanged, this, &DeviceBulkActionDialog::updateRunEnabled);
        layout->addWidget(m_confirmEdit);
    }

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("bulkProgressBar"));
    m_progress->setRange(0, qMax(1, runs));
    m_progress->setValue(0);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_etaLabel = new QLabel(this);
    m_etaLabel->setObjectName(QStringLiteral("bulkEtaLabel"));
    m_etaLabel->hide();
    layout->addWidget(m_etaLabel);

    auto *buttons = new QDialogButtonBox(this);
    m_runButton = buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    m_runButton->setObjectName(QStringLiteral("runBulkButton"));
    m_runButton->setToolTip(tr("Carry out the planned changes"));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelBulkButton"));
    m_cancelButton->setToolTip(tr("Stop before the next device; devices in progress finish (Esc)"));
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeBulkButton"));
    m_closeButton->hide();
    layout->addWidget(buttons);

    connect(m_runButton, &QPushButton::clicked, this, &DeviceBulkActionDialog::onRun);
    connect(m_cancelButton, &QPushButton::clicked, this, &DeviceBulkActionDialog::reject);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::accept);
    updateRunEnabled();
}

void DeviceBulkActionDialog::reject()
{
    if (m_runner && m_runner->isRunning()) {
        m_cancelButton->setEnabled(false);
        m_etaLabel->setText(tr("Canceling… devices in progress finish first."));
        m_runner->cancel();
        return;
    }
    QDialog::reject();
}

void DeviceBulkActionDialog::updateRunEnabled()
{
    bool enabled = !m_runRows.isEmpty() && !m_runner;
    if (m_confirmEdit)
        enabled = enabled && m_confirmEdit->text().trimmed() == confirmationWord();
    m_runButton->setEnabled(enabled);
}

void DeviceBulkActionDialog::onRun()
{
    QList<MirrorBulkRunner::Item> items;
    for (int row : std::as_const(m_runRows))
        items.append(m_steps.at(row).item);
    m_runButton->setEnabled(false);
    if (m_confirmEdit)
        m_confirmEdit->setEnabled(false);
    emit runRequested(items);
}

void DeviceBulkActionDialog::attachRunner(MirrorBulkRunner *runner)
{
    m_runner = runner;
    updateRunEnabled();
    if (HubThrottle *throttle = runner->hubThrottle();
        throttle && throttle->isEnabled() && MirrorBulkRunner::registryOperationsPerItem(m_action) > 0)
        m_pace = tr("(paced by the hub's limit of %1)").arg(throttle->limitText(HubThrottle::Operation::Registry));
    m_summaryLabel->setText(tr("Running %1…").arg(MirrorBulkRunner::actionName(m_action)));
    m_progress->show();
    m_etaLabel->show();
    m_etaLabel->setText(tr("Estimating the time left…"));
    for (int row : std::as_const(m_runRows))
        m_table->item(row, ResultColumn)->setText(MirrorBulkRunner::outcomeName(MirrorBulkRunner::Outcome::Waiting));
    connect(runner, &MirrorBulkRunner::itemStarted, this, &DeviceBulkActionDialog::onItemStarted);
    connect(runner, &MirrorBulkRunner::itemFinished, this, &DeviceBulkActionDialog::onItemFinished);
    connect(runner, &MirrorBulkRunner::progress, this, &DeviceBulkActionDialog::onProgress);
    connect(runner, &MirrorBulkRunner::finished, this, &DeviceBulkActionDialog::onFinished);
    if (!runner->isRunning())
        onFinished();
}

int DeviceBulkActionDialog::tableRowOf(int runIndex) const
{
    return runIndex >= 0 && runIndex < m_runRows.size() ? m_runRows.at(runIndex) : -1;
}

void DeviceBulkActionDialog::onItemStarted(int index, const QString &)
{
    const int row = tableRowOf(index);
    if (row >= 0)
        m_table->item(row, ResultColumn)->setText(MirrorBulkRunner::outcomeName(MirrorBulkRunner::Outcome::Running));
}

void DeviceBulkActionDialog::onItemFinished(int index, const MirrorBulkRunner::ItemResult &result)
{
    const int row = tableRowOf(index);
    if (row < 0)
        return;
    const QString text = result.message.isEmpty()
        ? MirrorBulkRunner::outcomeName(result.outcome)
        : tr("%1: %2").arg(MirrorBulkRunner::outcomeName(result.outcome), result.message);
    QTableWidgetItem *item = m_table->item(row, ResultColumn);
    item->setText(text);
    item->setToolTip(text);
    item->setData(Qt::UserRole, int(result.outcome));
}

void DeviceBulkActionDialog::onProgress(int done, int total)
{
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(done);
    const std::optional<qint64> eta = m_runner ? m_runner->etaMs() : std::nullopt;
    QString text = eta ? tr("%1 of %2 done — about %3 left").arg(done).arg(total).arg(durationText(*eta))
                       : tr("%1 of %2 done").arg(done).arg(total);
    if (!m_pace.isEmpty())
        text += QLatin1Char(' ') + m_pace;
    m_etaLabel->setText(text);
}

void DeviceBulkActionDialog::onFinished()
{
    int done = 0, failed = 0, canceled = 0;
    if (m_runner) {
        for (const MirrorBulkRunner::ItemResult &result : m_runner->results()) {
            done += result.outcome == MirrorBulkRunner::Outcome::Done ? 1 : 0;
            failed += result.outcome == MirrorBulkRunner::Outcome::Failed ? 1 : 0;
            canceled += result.outcome == MirrorBulkRunner::Outcome::Canceled ? 1 : 0;
        }
    }
    m_summaryLabel->setText(tr("Finished: %1 done, %2 failed, %3 canceled. The rows show each device's result.")
                                .arg(done)
                                .arg(failed)
                                .arg(canceled));
    m_etaLabel->setText(failed > 0 ? tr("Hover over a failed row to read why it failed.") : QString());
    m_cancelButton->hide();
    m_closeButton->show();
}

} // namespace TwinBridge
