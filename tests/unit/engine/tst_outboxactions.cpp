// The outbox's console actions: retryNow() and discard() (the Bridge page's "Retry now" and "Discard…").

#include "services/core/Clock.h"
#include "services/engine/Outbox.h"

#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace std::chrono_literals;

class TestOutboxActions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void retryNowMakesBackingOffHeadsReady();
    void retryNowSurvivesReopen();
    void retryNowWithNothingWaitingIsZero();
    void discard_data();
    void discard();
    void discardKeepsHeadsInFlightAndTheirAckStillWorks();

private:
    void append(const QString &device, int count, Outbox::Kind kind = Outbox::Kind::Uplink);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Outbox> m_outbox;
};

void TestOutboxActions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC));
    auto opened = Outbox::open(m_dir->path(), m_clock.get());
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    m_outbox = opened.takeValue();
}

void TestOutboxActions::cleanup()
{
    m_outbox.reset();
    m_clock.reset();
    m_dir.reset();
}

void TestOutboxActions::append(const QString &device, int count, Outbox::Kind kind)
{
    for (int i = 0; i < count; ++i)
        QVERIFY(m_outbox->append(kind, device, QByteArray::number(i)).ok());
}

void TestOutboxActions::retryNowMakesBackingOffHeadsReady()
{
    append(QStringLiteral("a"), 2);
    append(QStringLiteral("b"), 1);
    auto taken = m_outbox->takeReady(Outbox::Kind::Uplink, 10);
    QVERIFY(taken.ok());
    QCOMPARE(taken.value().size(), 2);
    for (const Outbox::Record &record : taken.value())
        QVERIFY(m_outbox->nack(record.id, m_clock->nowUtc().addSecs(60), QStringLiteral("hub down")).ok());
    QCOMPARE(m_outbox->takeReady(Outbox::Kind::Uplink, 10).value().size(), 0); // both back off

    const Result<qint64> made = m_outbox->retryNow(Outbox::Kind::Uplink);
    QVERIFY(made.ok());
    QCOMPARE(made.value(), 2);
    QVERIFY(!m_outbox->nextRetryAt(Outbox::Kind::Uplink).has_value());
    const auto again = m_outbox->takeReady(Outbox::Kind::Uplink, 10);
    QVERIFY(again.ok());
    QCOMPARE(again.value().size(), 2); // at once, without the clock moving
    for (const Outbox::Record &record : again.value())
        QCOMPARE(record.attempts, 1); // the attempt count stays
}

void TestOutboxActions::retryNowSurvivesReopen()
{
    append(QStringLiteral("a"), 1);
    const auto taken = m_outbox->takeReady(Outbox::Kind::Uplink, 1);
    QVERIFY(m_outbox->nack(taken.value().at(0).id, m_clock->nowUtc().addSecs(600), QStringLiteral("x")).ok());
    QCOMPARE(m_outbox->retryNow(Outbox::Kind::Uplink).value(), 1);
    m_outbox.reset();
    auto reopened = Outbox::open(m_dir->path(), m_clock.get());
    QVERIFY(reopened.ok());
    m_outbox = reopened.takeValue();
    QCOMPARE(m_outbox->takeReady(Outbox::Kind::Uplink, 1).value().size(), 1); // the new retry time is on disk
}

void TestOutboxActions::retryNowWithNothingWaitingIsZero()
{
    append(QStringLiteral("a"), 1);
    QCOMPARE(m_outbox->retryNow(Outbox::Kind::Uplink).value(), 0);
    QCOMPARE(m_outbox->retryNow(Outbox::Kind::IngestEvent).value(), 0);
    QCOMPARE(m_outbox->takeReady(Outbox::Kind::Uplink, 1).value().size(), 1);
}

void TestOutboxActions::discard_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<qint64>("removed");
    QTest::addColumn<qint64>("left");
    // a: 3 uplinks, b: 2 uplinks, c: 1 ingest event.
    QTest::addRow("everything") << QString() << qint64(6) << qint64(0);
    QTest::addRow("one device") << QStringLiteral("a") << qint64(3) << qint64(3);
    QTest::addRow("a device with an ingest event") << QStringLiteral("c") << qint64(1) << qint64(5);
    QTest::addRow("an unknown device") << QStringLiteral("zzz") << qint64(0) << qint64(6);
}

void TestOutboxActions::discard()
{
    QFETCH(QString, device);
    QFETCH(qint64, removed);
    QFETCH(qint64, left);
    append(QStringLiteral("a"), 3);
    append(QStringLiteral("b"), 2);
    append(QStringLiteral("c"), 1, Outbox::Kind::IngestEvent);

    const Result<QList<qint64>> discarded = m_outbox->discard(device);
    QVERIFY2(discarded.ok(), qPrintable(discarded.error().toString()));
    QCOMPARE(qint64(discarded.value().size()), removed);
    QCOMPARE(m_outbox->totalRecords(), left);
    QCOMPARE(m_outbox->depth(Outbox::Kind::Uplink) + m_outbox->depth(Outbox::Kind::IngestEvent), left);

    // What is left is still handed out, and is on disk the same way.
    m_outbox.reset();
    auto reopened = Outbox::open(m_dir->path(), m_clock.get());
    QVERIFY(reopened.ok());
    m_outbox = reopened.takeValue();
    QCOMPARE(m_outbox->totalRecords(), left);
}

void TestOutboxActions::discardKeepsHeadsInFlightAndTheirAckStillWorks()
{
    append(QStringLiteral("a"), 3);
    const auto taken = m_outbox->takeReady(Outbox::Kind::Uplink, 10);
    QCOMPARE(taken.value().size(), 1);
    const Result<QList<qint64>> discarded = m_outbox->discard();
    QVERIFY(discarded.ok());
    QCOMPARE(discarded.value().size(), 2);
    QVERIFY(!discarded.value().contains(taken.value().at(0).id));
    QCOMPARE(m_outbox->totalRecords(), 1);
    QVERIFY(m_outbox->ack(taken.value().at(0).id).ok());
    QCOMPARE(m_outbox->totalRecords(), 0);
    QCOMPARE(m_outbox->takeReady(Outbox::Kind::Uplink, 10).value().size(), 0);
    append(QStringLiteral("a"), 1); // the queue works again
    QCOMPARE(m_outbox->takeReady(Outbox::Kind::Uplink, 10).value().size(), 1);
}

QTEST_GUILESS_MAIN(TestOutboxActions)
#include "tst_outboxactions.moc"
