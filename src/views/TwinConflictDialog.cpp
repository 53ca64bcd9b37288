#include "views/TwinConflictDialog.h"

#include "views/JsonEditor.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

QGroupBox *column(const QString &title, const QJsonObject &content, const char *objectName, QWidget *parent)
{
    auto *group = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(group);
    auto *editor = new JsonEditor(group);
    editor->setObjectName(QString::fromLatin1(objectName));
    editor->setReadOnly(true);
    editor->setObject(content);
    layout->addWidget(editor);
    return group;
}

} // namespace

TwinConflictDialog::TwinConflictDialog(const QString &deviceId, qint64 theirDesiredVersion, const QJsonObject &theirs,
                                       const QJsonObject &myPatch, const QJsonObject &merged, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("twinConflictDialog"));
    setWindowTitle(tr("Twin changed on the hub"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(1000, 560);

    auto *layout = new QVBoxLayout(this);
    auto *explanation = new QLabel(
        tr("Someone changed the twin of %1 since you opened it (desired $version is now %2), so your patch was not "
           "sent. Compare both, then re-apply your changes on the current twin (you review the result before sending "
           "it) or discard yours.")
            .arg(deviceId)
            .arg(theirDesiredVersion),
        this);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(column(tr("Theirs: on the hub now"), theirs, "theirsView", splitter));
    splitter->addWidget(column(tr("Mine: the patch that was not sent"), myPatch, "mineView", splitter));
    splitter->addWidget(column(tr("Mine re-applied on theirs"), merged, "mergedView", splitter));
    layout->addWidget(splitter, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_reapply = buttons->addButton(tr("&Re-apply my changes on theirs"), QDialogButtonBox::AcceptRole);
    m_reapply->setObjectName(QStringLiteral("reapplyButton"));
    m_discard = buttons->addButton(tr("&Discard mine"), QDialogButtonBox::DestructiveRole);
    m_discard->setObjectName(QStringLiteral("discardButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    m_reapply->setDefault(true);
    connect(m_reapply, &QPushButton::clicked, this, [this] { done(Reapply); });
    connect(m_discard, &QPushButton::clicked, this, [this] { done(Discard); });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace TwinBridge
