#include "FutureWait.h"
#include "models/ProfileListModel.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

class TestProfileListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsTheStoredProfilesInOrder();
    void addInsertsExactlyOneRow();
    void updateChangesOnlyThatRow();
    void validityFollowsTheProfile();
    void removeRemovesExactlyOneRow();
    void currentProfileIsMarked();
    void removingTheCurrentProfile();
    void unnamedProfileHasAPlaceholder();
    void roleNames();

private:
    static ConnectionProfile sample(const QString &name);
    QModelIndex rowIndex(int row) const { return m_model->index(row, 0); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfileListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QStringList m_ids;
};

ConnectionProfile TestProfileListModel::sample(const QString &name)
{
    ConnectionProfile p = ConnectionProfile::create(name);
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("my-sensors");
    return p;
}

void TestProfileListModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("s.ini")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    m_ids.clear();
    for (const char *name : {"Alpha", "Bravo", "Charlie"}) {
        const ConnectionProfile p = sample(QString::fromLatin1(name));
        QVERIFY(m_store->add(p).ok());
        m_ids.append(p.id);
    }
    m_model = std::make_unique<ProfileListModel>(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestProfileListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestProfileListModel::showsTheStoredProfilesInOrder()
{
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->rowCount(rowIndex(0)), 0);
    const QStringList names{QStringLiteral("Alpha"), QStringLiteral("Bravo"), QStringLiteral("Charlie")};
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(rowIndex(row).data().toString(), names.at(row));
        QCOMPARE(rowIndex(row).data(ProfileListModel::NameRole).toString(), names.at(row));
        QCOMPARE(rowIndex(row).data(ProfileListModel::IdRole).toString(), m_ids.at(row));
        QCOMPARE(rowIndex(row).data(ProfileListModel::ValidRole).toBool(), true);
        QCOMPARE(rowIndex(row).data(ProfileListModel::CurrentRole).toBool(), false);
        QCOMPARE(m_model->idAt(row), m_ids.at(row));
        QCOMPARE(m_model->rowOf(m_ids.at(row)), row);
    }
    QVERIFY(m_model->idAt(3).isEmpty());
    QVERIFY(!m_model->indexOf(ConnectionProfile::newId()).isValid());
}

void TestProfileListModel::addInsertsExactlyOneRow()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const ConnectionProfile p = sample(QStringLiteral("Delta"));
    QVERIFY(m_store->add(p).ok());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), QModelIndex());
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 3);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(rowIndex(3).data().toString(), QStringLiteral("Delta"));
    QCOMPARE(rowIndex(3).data(ProfileListModel::IdRole).toString(), p.id);
}

void TestProfileListModel::updateChangesOnlyThatRow()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    ConnectionProfile bravo = *m_store->profile(m_ids.at(1));
    bravo.name = QStringLiteral("Bravo 2");
    QVERIFY(m_store->update(bravo).ok());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), rowIndex(1));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), rowIndex(1));
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(ProfileListModel::NameRole));
    QCOMPARE(rowIndex(1).data().toString(), QStringLiteral("Bravo 2"));
}

void TestProfileListModel::validityFollowsTheProfile()
{
    ConnectionProfile charlie = *m_store->profile(m_ids.at(2));
    charlie.tts.applicationId = QStringLiteral("Not_Valid");
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_store->update(charlie).ok());
    QCOMPARE(changed.size(), 1);
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(ProfileListModel::ValidRole));
    QCOMPARE(rowIndex(2).data(ProfileListModel::ValidRole).toBool(), false);
    const QStringList issues = rowIndex(2).data(ProfileListModel::IssuesRole).toStringList();
    QCOMPARE(issues.size(), 1);
    QVERIFY(issues.first().contains(QStringLiteral("capital letters")));
    QVERIFY(rowIndex(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("capital letters")));
    QVERIFY(rowIndex(1).data(Qt::ToolTipRole).isNull());
}

void TestProfileListModel::removeRemovesExactlyOneRow()
{
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(await(m_store->remove(m_ids.at(1))));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->idAt(0), m_ids.at(0));
    QCOMPARE(m_model->idAt(1), m_ids.at(2));
}

void TestProfileListModel::currentProfileIsMarked()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_store->setCurrentProfileId(m_ids.at(0)).ok());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), rowIndex(0));
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(ProfileListModel::CurrentRole));
    QCOMPARE(rowIndex(0).data(ProfileListModel::CurrentRole).toBool(), true);
    QCOMPARE(rowIndex(0).data(Qt::FontRole).value<QFont>().bold(), true);

    changed.clear();
    QVERIFY(m_store->setCurrentProfileId(m_ids.at(2)).ok());
    QCOMPARE(changed.size(), 2); // the old row and the new row, nothing else
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), rowIndex(0));
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), rowIndex(2));
    QCOMPARE(rowIndex(0).data(ProfileListModel::CurrentRole).toBool(), false);
    QVERIFY(rowIndex(0).data(Qt::FontRole).isNull());
    QCOMPARE(rowIndex(2).data(ProfileListModel::CurrentRole).toBool(), true);

    // A model created later sees the selection too.
    ProfileListModel late(m_store.get());
    QCOMPARE(late.index(2, 0).data(ProfileListModel::CurrentRole).toBool(), true);
}

void TestProfileListModel::removingTheCurrentProfile()
{
    QVERIFY(m_store->setCurrentProfileId(m_ids.at(1)).ok());
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(await(m_store->remove(m_ids.at(1))));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(changed.size(), 0); // the marked row is gone; no other row changes
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(rowIndex(row).data(ProfileListModel::CurrentRole).toBool(), false);
}

void TestProfileListModel::unnamedProfileHasAPlaceholder()
{
    ConnectionProfile p = sample(QString());
    QVERIFY(m_store->add(p).ok());
    QCOMPARE(rowIndex(3).data().toString(), QStringLiteral("(unnamed profile)"));
    QVERIFY(rowIndex(3).data(ProfileListModel::NameRole).toString().isEmpty());
    QCOMPARE(rowIndex(3).data(ProfileListModel::ValidRole).toBool(), false);
}

void TestProfileListModel::roleNames()
{
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(ProfileListModel::IdRole), QByteArray("profileId"));
    QCOMPARE(names.value(ProfileListModel::ValidRole), QByteArray("valid"));
    QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
}

QTEST_MAIN(TestProfileListModel)
#include "tst_profilelistmodel.moc"
