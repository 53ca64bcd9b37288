#include "views/ConnectionTestPanel.h"

#include "services/azure/TokenCredential.h"
#include "services/core/Logging.h"
#include "services/diagnostics/AzureConnectionTest.h"
#include "services/diagnostics/IotHubConnectionTest.h"
#include "services/diagnostics/TtsConnectionTest.h"
#include "views/ColorScheme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

constexpr int CheckIdRole = Qt::UserRole;
constexpr int SentenceRole = Qt::UserRole + 1;
constexpr int DetailRole = Qt::UserRole + 2;

const QList<ConnectionCheck::Target> AllTargets = {ConnectionCheck::Target::Tts, ConnectionCheck::Target::IotHub,
                                                   ConnectionCheck::Target::Azure};

} // namespace

ConnectionTestPanel::ConnectionTestPanel(SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_nam(new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("connectionTestPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto makeButton = [this](const char *objectName, void (ConnectionTestPanel::*slot)()) {
        auto *button = new QPushButton(this);
        button->setObjectName(QLatin1String(objectName));
        connect(button, &QPushButton::clicked, this, slot);
        return button;
    };
    m_testAllButton = makeButton("testAllConnectionsButton", &ConnectionTestPanel::testAll);
    m_testTtsButton = makeButton("testTtsConnectionButton", &ConnectionTestPanel::testTts);
    m_testIotHubButton = makeButton("testIotHubConnectionButton", &ConnectionTestPanel::testIotHub);
    m_testAzureButton = makeButton("testAzureConnectionButton", &ConnectionTestPanel::testAzure);
    m_cancelButton = makeButton("cancelConnectionTestButton", &ConnectionTestPanel::cancel);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_testAllButton);
    buttons->addWidget(m_testTtsButton);
    buttons->addWidget(m_testIotHubButton);
    buttons->addWidget(m_testAzureButton);
    buttons->addStretch(1);
    buttons->addWidget(m_cancelButton);
    layout->addLayout(buttons);

    // Active while the focus is anywhere on the page that holds the panel.
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_T), parent ? parent : this);
    shortcut->setObjectName(QStringLiteral("testAllConnectionsShortcut"));
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &ConnectionTestPanel::testAll);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("connectionTestResultsTreeWidget"));
    m_tree->setColumnCount(2);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ConnectionTestPanel::updateDetail);
    layout->addWidget(m_tree, 1);

    m_detailLabel = new QLabel(this);
    m_detailLabel->setObjectName(QStringLiteral("connectionTestDetailLabel"));
    m_detailLabel->setWordWrap(true);
    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel->hide();
    layout->addWidget(m_detailLabel);

    retranslateUi();
    updateButtons();
}

ConnectionTestPanel::~ConnectionTestPanel()
{
    for (Running &running : m_running) {
        if (running.test) {
            running.test->disconnect(this);
            running.test->cancel();
        }
    }
}

void ConnectionTestPanel::retranslateUi()
{
    m_testAllButton->setText(tr("Test conn&ection"));
    m_testAllButton->setToolTip(tr("Test The Things Stack, IoT Hub and Azure with this profile (%1)")
                                    .arg(QKeySequence(Qt::CTRL | Qt::Key_T).toString(QKeySequence::NativeText)));
    m_testTtsButton->setText(tr("TTS"));
    m_testTtsButton->setToolTip(tr("Test only The Things Stack: address, TLS, API key, application, each right the "
                                   "bridge needs, MQTT"));
    m_testIotHubButton->setText(tr("IoT Hub"));
    m_testIotHubButton->setToolTip(tr("Test only IoT Hub: endpoint, TLS, clock, policy key, each right of the policy, "
                                      "device MQTT"));
    m_testAzureButton->setText(tr("Azure"));
    m_testAzureButton->setToolTip(tr("Test only the Azure sign-in and the subscription"));
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop the running tests"));
    m_tree->setHeaderLabels({tr("Check"), tr("Result")});
    m_tree->setAccessibleName(tr("Connection test results"));
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        if (it->item)
            it->item->setText(0, ConnectionCheck::targetName(it.key()));
    }
}

void ConnectionTestPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange) {
        for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
            if (!it->item)
                continue;
            paintItem(it->item, it->overall);
            for (int i = 0; i < it->item->childCount() && i < it->checks.size(); ++i)
                paintItem(it->item->child(i), it->checks.at(i).status);
        }
    }
    QWidget::changeEvent(event);
}

bool ConnectionTestPanel::isRunning() const
{
    for (const Running &running : m_running) {
        if ((running.test && running.test->isRunning()) || running.request != 0)
            return true;
    }
    return false;
}

QList<ConnectionCheck> ConnectionTestPanel::checks(ConnectionCheck::Target target) const
{
    return m_running.value(target).checks;
}

void ConnectionTestPanel::testTts()
{
    start({ConnectionCheck::Target::Tts});
}

void ConnectionTestPanel::testIotHub()
{
    start({ConnectionCheck::Target::IotHub});
}

void ConnectionTestPanel::testAzure()
{
    start({ConnectionCheck::Target::Azure});
}

void ConnectionTestPanel::testAll()
{
    start(AllTargets);
}

void ConnectionTestPanel::cancel()
{
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        if (it->request != 0) {
            it->request = 0; // the inputs still being read are dropped
            ConnectionReport report;
            report.target = it.key();
            report.canceled = true;
            finishTarget(it.key(), report);
        } else if (it->test && it->test->isRunning()) {
            it->test->cancel();
        }
    }
    updateButtons();
}

void ConnectionTestPanel::clearResults()
{
    cancel();
    m_tree->clear();
    for (Running &running : m_running) {
        running.item = nullptr;
        running.checks.clear();
    }
    updateDetail();
}

void ConnectionTestPanel::start(const QList<ConnectionCheck::Target> &targets)
{
    if (!m_provider || !isEnabled())
        return;
    const quint64 request = ++m_request;
    for (ConnectionCheck::Target target : targets) {
        Running &running = m_running[target];
        if (running.test && running.test->isRunning()) {
            running.test->disconnect(this);
            running.test->cancel();
        }
        running.request = request;
        QTreeWidgetItem *item = targetItem(target);
        qDeleteAll(item->takeChildren());
        running.checks.clear();
        item->setText(1, tr("Reading the profile's secrets…"));
        paintTarget(target, ConnectionCheck::Status::Running);
    }
    updateButtons();
    emit statusMessage(tr("Testing the connection…"));
    m_provider().then(this, [this, targets, request](const Result<Inputs> &inputs) {
        for (ConnectionCheck::Target target : targets) {
            Running &running = m_running[target];
            if (running.request != request)
                continue; // canceled or restarted meanwhile
            running.request = 0;
            if (!inputs) {
                QTreeWidgetItem *item = targetItem(target);
                item->setText(1, inputs.error().message());
                paintTarget(target, ConnectionCheck::Status::Failed);
                emit statusMessage(inputs.error().toString());
                continue;
            }
            launch(target, inputs.value());
        }
        updateButtons();
    });
}

void ConnectionTestPanel::launch(ConnectionCheck::Target target, const Inputs &inputs)
{
    Running &running = m_running[target];
    if (running.test)
        running.test->deleteLater();
    if (running.credential)
        running.credential->deleteLater();
    running.isCurrentProfile = inputs.isCurrentProfile;
    ConnectionTest *test = nullptr;
    switch (target) {
    case ConnectionCheck::Target::Tts:
        test = new TtsConnectionTest(inputs.profile, inputs.ttsApiKey, m_nam, Clock::system(), this);
        break;
    case ConnectionCheck::Target::IotHub:
        test = new IotHubConnectionTest(inputs.profile, inputs.policyKey.toLatin1(), m_nam, Clock::system(), this);
        break;
    case ConnectionCheck::Target::Azure: {
        ServiceError error;
        running.credential = AzureConnectionTest::makeCredential(inputs.profile, inputs.clientSecret, m_secrets, m_nam,
                                                                 Clock::system(), this, &error);
        test = new AzureConnectionTest(inputs.profile, running.credential, m_nam, Clock::system(), this);
        break;
    }
    }
    running.test = test;
    connect(test, &ConnectionTest::checkChanged, this,
            [this, target](const ConnectionCheck &check) { showCheck(target, check); });
    connect(test, &ConnectionTest::finished, this,
            [this, target](const ConnectionReport &report) { finishTarget(target, report); });
    if (running.isCurrentProfile)
        emit connectionStateChanged(target, ConnectionCheck::Status::Running, tr("Testing…"));
    QTreeWidgetItem *item = targetItem(target);
    item->setText(1, tr("Testing…"));
    item->setExpanded(true);
    test->start();
}

QTreeWidgetItem *ConnectionTestPanel::targetItem(ConnectionCheck::Target target)
{
    Running &running = m_running[target];
    if (!running.item) {
        running.item = new QTreeWidgetItem;
        running.item->setText(0, ConnectionCheck::targetName(target));
        QFont font = running.item->font(0);
        font.setBold(true);
        running.item->setFont(0, font);
        // Keep the order TTS, IoT Hub, Azure whatever was tested first.
        int index = 0;
        for (ConnectionCheck::Target other : AllTargets) {
            if (other == target)
                break;
            if (m_running.value(other).item)
                ++index;
        }
        m_tree->insertTopLevelItem(index, running.item);
    }
    return running.item;
}

void ConnectionTestPanel::showCheck(ConnectionCheck::Target target, const ConnectionCheck &check)
{
    Running &running = m_running[target];
    QTreeWidgetItem *parent = targetItem(target);
    int index = -1;
    for (int i = 0; i < running.checks.size(); ++i) {
        if (running.checks.at(i).id == check.id)
            index = i;
    }
    QTreeWidgetItem *item = nullptr;
    if (index < 0) {
        running.checks.append(check);
        item = new QTreeWidgetItem(parent);
    } else {
        running.checks[index] = check;
        item = parent->child(index);
    }
    const QString symbol = ConnectionCheck::symbol(check.status);
    item->setText(0, symbol.isEmpty() ? check.title : symbol + QLatin1Char(' ') + check.title);
    item->setText(1, check.status == ConnectionCheck::Status::Running ? tr("Checking…") : check.sentence);
    item->setData(0, CheckIdRole, check.id);
    item->setData(0, SentenceRole, check.sentence);
    item->setData(0, DetailRole, check.detail);
    const QString status = ConnectionCheck::statusName(check.status);
    item->setToolTip(0, status);
    item->setToolTip(1,
                     check.detail.isEmpty() ? check.sentence : check.sentence + QStringLiteral("\n\n") + check.detail);
    paintItem(item, check.status);
    if (m_tree->currentItem() == item)
        updateDetail();
}

void ConnectionTestPanel::paintItem(QTreeWidgetItem *item, ConnectionCheck::Status status)
{
    // Pending and running rows keep the text colour; the result rows are coloured by their outcome.
    const QColor color = status == ConnectionCheck::Status::Pending || status == ConnectionCheck::Status::Running
        ? palette().color(QPalette::Text)
        : ColorScheme::statusColor(status, palette());
    item->setForeground(0, color);
    item->setForeground(1,
                        status == ConnectionCheck::Status::Skipped ? palette().color(QPalette::Disabled, QPalette::Text)
                                                                   : palette().color(QPalette::Text));
}

void ConnectionTestPanel::paintTarget(ConnectionCheck::Target target, ConnectionCheck::Status overall)
{
    m_running[target].overall = overall;
    paintItem(targetItem(target), overall);
}

void ConnectionTestPanel::finishTarget(ConnectionCheck::Target target, const ConnectionReport &report)
{
    Running &running = m_running[target];
    QTreeWidgetItem *item = targetItem(target);
    const ConnectionCheck::Status overall = report.overall();
    item->setText(1, report.summary());
    paintTarget(target, overall);
    if (overall == ConnectionCheck::Status::Failed) {
        // The first failure is where to look.
        for (int i = 0; i < report.checks.size() && i < item->childCount(); ++i) {
            if (report.checks.at(i).status == ConnectionCheck::Status::Failed) {
                m_tree->setCurrentItem(item->child(i));
                break;
            }
        }
    }
    if (running.isCurrentProfile) {
        const ConnectionCheck::Status light = report.canceled ? ConnectionCheck::Status::Pending : overall;
        emit connectionStateChanged(target, light, report.summary());
    }
    emit statusMessage(report.summary());
    emit testFinished(report);
    updateButtons();
}

void ConnectionTestPanel::updateButtons()
{
    m_cancelButton->setEnabled(isRunning());
}

void ConnectionTestPanel::updateDetail()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->parent()) {
        m_detailLabel->clear();
        m_detailLabel->hide();
        return;
    }
    const QString sentence = item->data(0, SentenceRole).toString();
    const QString detail = item->data(0, DetailRole).toString();
    m_detailLabel->setText(detail.isEmpty() ? sentence
                                            : sentence + QStringLiteral("\n") + tr("Service's answer: %1").arg(detail));
    m_detailLabel->setVisible(!sentence.isEmpty() || !detail.isEmpty());
}

} // namespace TwinBridge
