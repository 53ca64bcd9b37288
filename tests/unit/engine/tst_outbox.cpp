#include "services/core/Clock.h"
#include "services/engine/Outbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstring>

using namespace TwinBridge;
using namespace std::chrono_literals;

namespace {

constexpr const char *ChildArgument = "--append-until-killed";

// The child half of killSafety(): appends records one by one and reports each id once append() returned.
int runAppendChild(const QString &directory)
{
    auto outbox = Outbox::open(directory);
    if (!outbox.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(outbox.error().toString()));
        return 2;
    }
    // Alternately one append() and one appendMany() of five records.
    for (int n = 0; n < 1000000;) {
        QList<Outbox::NewRecord> batch;
        const int size = (n / 6) % 2 == 0 ? 1 : 5;
        for (int i = 0; i < size; ++i)
            batch.append({Outbox::Kind::Uplink, QStringLiteral("dev-%1").arg((n + i) % 7), QByteArray::number(n + i)});
        Result<QList<qint64>> ids = size == 1 ? Result<QList<qint64>>(QList<qint64>{})
                                              : outbox.value()->appendMany(batch);
        if (size == 1) {
            const Result<qint64> id = outbox.value()->append(batch.at(0).kind, batch.at(0).deviceId, batch.at(0).payload);
            ids = id.ok() ? Result<QList<qint64>>(QList<qint64>{id.value()}) : Result<QList<qint64>>(id.error());
        }
        if (!ids.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(ids.error().toString()));
            return 3;
        }
        for (qsizetype i = 0; i < ids.value().size(); ++i)
            std::printf("ACK %lld %d\n", static_cast<long long>(ids.value().at(i)), n + int(i));
        std::fflush(stdout);
        n += size;
    }
    return 0;
}

QList<qint64> ids(const QList<Outbox::Record> &records)
{
    QList<qint64> result;
    for (const auto &record : records)
        result.append(record.id);
    return result;
}

QStringList devices(const QList<Outbox::Record> &records)
{
    QStringList result;
    for (const auto &record : records)
        result.append(record.deviceId);
    return result;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private slots:
    void appendAndTakeHeadsPerDevice();
    void kindsAreSeparateQueues();
    void nackBacksOffOnlyThatDevice();
    void releaseDoesNotCountAnAttempt();
    void appendManyIsOneOrderedBatch();
    void replayAfterReopen();
    void overflowRejectsNewRecords_data();
    void overflowRejectsNewRecords();
    void ackOfUnknownRecordFails();
    void badFiles_data();
    void badFiles();
    void secondOpenIsLocked();
    void killSafety();
};

void TestOutbox::appendAndTakeHeadsPerDevice()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto opened = Outbox::open(dir.path(), &clock);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    Outbox &outbox = *opened.value();

    const qint64 a1 = outbox.append(Outbox::Kind::Uplink, QStringLiteral("a"), "a1").value();
    const qint64 a2 = outbox.append(Outbox::Kind::Uplink, QStringLiteral("a"), "a2").value();
    const qint64 b1 = outbox.append(Outbox::Kind::Uplink, QStringLiteral("b"), "b1").value();
    QVERIFY(a1 < a2 && a2 < b1);
    QCOMPARE(outbox.depth(Outbox::Kind::Uplink), 3);
    QCOMPARE(outbox.totalBytes(), 6);
    QCOMPARE(outbox.queueCount(Outbox::Kind::Uplink), 2);

    // Only heads: a1 and b1, oldest first.
    auto taken = outbox.takeReady(Outbox::Kind::Uplink, 10);
    QVERIFY(taken.ok());
    QCOMPARE(ids(taken.value()), (QList<qint64>{a1, b1}));
    QCOMPARE(taken.value().at(0).payload, QByteArray("a1"));
    QCOMPARE(taken.value().at(0).createdAt, clock.nowUtc());
    QCOMPARE(taken.value().at(0).attempts, 0);
    QCOMPARE(outbox.inFlightCount(), 2);

    // Heads in flight block their devices: nothing else is ready.
    QVERIFY(outbox.takeReady(Outbox::Kind::Uplink, 10).value().isEmpty());

    QVERIFY(outbox.ack(a1).ok());
    taken = outbox.takeReady(Outbox::Kind::Uplink, 10);
    QCOMPARE(ids(taken.value()), (QList<qint64>{a2}));
    QVERIFY(outbox.ackMany({a2, b1}).ok());
    QCOMPARE(outbox.depth(Outbox::Kind::Uplink), 0);
    QCOMPARE(outbox.totalRecords(), 0);
    QCOMPARE(outbox.totalBytes(), 0);
    QCOMPARE(outbox.inFlightCount(), 0);
    QCOMPARE(outbox.queueCount(Outbox::Kind::Uplink), 0);

    // The limit is honoured, oldest head first.
    for (int i = 0; i < 5; ++i)
        QVERIFY(outbox.append(Outbox::Kind::Uplink, QStringLiteral("d%1").arg(i), "x").ok());
    taken = outbox.takeReady(Outbox::Kind::Uplink, 2);
    QCOMPARE(devices(taken.value()), (QStringList{QStringLiteral("d0"), QStringLiteral("d1")}));
}

void TestOutbox::kindsAreSeparateQueues()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path()).takeValue();
    const qint64 up = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "up").value();
    const qint64 event = outbox->append(Outbox::Kind::IngestEvent, QStringLiteral("a"), "event").value();
    QCOMPARE(ids(outbox->takeReady(Outbox::Kind::Uplink, 10).value()), (QList<qint64>{up}));
    // The uplink in flight does not block the device's ingest events.
    QCOMPARE(ids(outbox->takeReady(Outbox::Kind::IngestEvent, 10).value()), (QList<qint64>{event}));
    QCOMPARE(outbox->depth(Outbox::Kind::Uplink), 1);
    QCOMPARE(outbox->depth(Outbox::Kind::IngestEvent), 1);
    QCOMPARE(outbox->depth(Outbox::Kind::Identity), 0);
}

void TestOutbox::nackBacksOffOnlyThatDevice()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto outbox = Outbox::open(dir.path(), &clock).takeValue();
    const qint64 a1 = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a1").value();
    const qint64 a2 = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a2").value();
    const qint64 b1 = outbox->append(Outbox::Kind::Uplink, QStringLiteral("b"), "b1").value();
    const qint64 b2 = outbox->append(Outbox::Kind::Uplink, QStringLiteral("b"), "b2").value();
    QCOMPARE(outbox->takeReady(Outbox::Kind::Uplink, 10).value().size(), 2);

    const QDateTime retryAt = clock.nowUtc().addSecs(10);
    QVERIFY(outbox->nack(a1, retryAt, QStringLiteral("hub throttled")).ok());
    QVERIFY(outbox->ack(b1).ok());
    QCOMPARE(outbox->nextRetryAt(Outbox::Kind::Uplink), std::optional<QDateTime>(retryAt));

    // a is backing off (its a2 must not overtake a1); b goes on.
    QCOMPARE(ids(outbox->takeReady(Outbox::Kind::Uplink, 10).value()), (QList<qint64>{b2}));
    clock.advance(9s);
    QVERIFY(outbox->takeReady(Outbox::Kind::Uplink, 10).value().isEmpty());
    clock.advance(1s);
    const auto again = outbox->takeReady(Outbox::Kind::Uplink, 10).value();
    QCOMPARE(ids(again), (QList<qint64>{a1}));
    QCOMPARE(again.at(0).attempts, 1);
    QCOMPARE(again.at(0).lastError, QStringLiteral("hub throttled"));
    QCOMPARE(again.at(0).nextAttemptAt, retryAt);
    QVERIFY(!outbox->nextRetryAt(Outbox::Kind::Uplink).has_value());

    QVERIFY(outbox->nack(a1, clock.nowUtc(), QStringLiteral("again")).ok());
    const auto third = outbox->takeReady(Outbox::Kind::Uplink, 10).value();
    QCOMPARE(ids(third), (QList<qint64>{a1}));
    QCOMPARE(third.at(0).attempts, 2);
    QVERIFY(outbox->ack(a1).ok());
    QCOMPARE(ids(outbox->takeReady(Outbox::Kind::Uplink, 10).value()), (QList<qint64>{a2}));
}

void TestOutbox::releaseDoesNotCountAnAttempt()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path()).takeValue();
    const qint64 a1 = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a1").value();
    QCOMPARE(outbox->takeReady(Outbox::Kind::Uplink, 1).value().size(), 1);
    outbox->release(a1);
    const auto again = outbox->takeReady(Outbox::Kind::Uplink, 1).value();
    QCOMPARE(ids(again), (QList<qint64>{a1}));
    QCOMPARE(again.at(0).attempts, 0);
}

void TestOutbox::appendManyIsOneOrderedBatch()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path()).takeValue();
    QList<Outbox::NewRecord> batch;
    for (int i = 0; i < 100; ++i)
        batch.append({Outbox::Kind::Uplink, QStringLiteral("dev-%1").arg(i % 3), QByteArray::number(i)});
    const auto appended = outbox->appendMany(batch);
    QVERIFY(appended.ok());
    QCOMPARE(appended.value().size(), 100);
    QVERIFY(std::is_sorted(appended.value().begin(), appended.value().end()));
    const auto stored = outbox->records(Outbox::Kind::Uplink, QStringLiteral("dev-1")).value();
    QCOMPARE(stored.size(), 33);
    for (qsizetype i = 0; i < stored.size(); ++i)
        QCOMPARE(stored.at(i).payload, QByteArray::number(1 + 3 * i));

    // A bad record refuses the whole batch.
    const qint64 before = outbox->totalRecords();
    const auto refused = outbox->appendMany({{Outbox::Kind::Uplink, QStringLiteral("x"), "1"}, {Outbox::Kind::Uplink, {}, "2"}});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(outbox->totalRecords(), before);
}

void TestOutbox::replayAfterReopen()
{
    QTemporaryDir dir;
    ManualClock clock;
    qint64 a1 = 0, a2 = 0, b1 = 0;
    const QDateTime retryAt = clock.nowUtc().addSecs(30);
    {
        auto outbox = Outbox::open(dir.path(), &clock).takeValue();
        a1 = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a1").value();
        a2 = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a2").value();
        b1 = outbox->append(Outbox::Kind::IngestEvent, QStringLiteral("b"), "b1").value();
        QCOMPARE(outbox->takeReady(Outbox::Kind::Uplink, 10).value().size(), 1); // a1 in flight
        QCOMPARE(outbox->takeReady(Outbox::Kind::IngestEvent, 10).value().size(), 1);
        QVERIFY(outbox->nack(b1, retryAt, QStringLiteral("TTS unavailable")).ok());
        // Destroyed with a1 in flight (as if the engine stopped before the hub confirmed it).
    }
    auto outbox = Outbox::open(dir.path(), &clock).takeValue();
    QCOMPARE(outbox->totalRecords(), 3);
    QCOMPARE(outbox->depth(Outbox::Kind::Uplink), 2);
    QCOMPARE(outbox->depth(Outbox::Kind::IngestEvent), 1);
    QCOMPARE(outbox->totalBytes(), 6);
    QCOMPARE(outbox->inFlightCount(), 0);
    // The in-flight a1 is ready again and still first; a2 waits behind it.
    QCOMPARE(ids(outbox->takeReady(Outbox::Kind::Uplink, 10).value()), (QList<qint64>{a1}));
    QVERIFY(outbox->ack(a1).ok());
    QCOMPARE(ids(outbox->takeReady(Outbox::Kind::Uplink, 10).value()), (QList<qint64>{a2}));
    // The back-off survived the restart.
    QVERIFY(outbox->takeReady(Outbox::Kind::IngestEvent, 10).value().isEmpty());
    QCOMPARE(outbox->nextRetryAt(Outbox::Kind::IngestEvent), std::optional<QDateTime>(retryAt));
    clock.advance(30s);
    const auto event = outbox->takeReady(Outbox::Kind::IngestEvent, 10).value();
    QCOMPARE(ids(event), (QList<qint64>{b1}));
    QCOMPARE(event.at(0).attempts, 1);
    QCOMPARE(event.at(0).lastError, QStringLiteral("TTS unavailable"));

    // Ids keep growing after a restart even when the table was emptied (AUTOINCREMENT).
    QVERIFY(outbox->ackMany({a2, b1}).ok());
    const qint64 next = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a3").value();
    QVERIFY(next > b1);
}

void TestOutbox::overflowRejectsNewRecords_data()
{
    QTest::addColumn<qint64>("maxRecords");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addRow("record bound") << qint64(3) << qint64(1000);
    QTest::addRow("byte bound") << qint64(1000) << qint64(30);
}

void TestOutbox::overflowRejectsNewRecords()
{
    QFETCH(qint64, maxRecords);
    QFETCH(qint64, maxBytes);
    QTemporaryDir dir;
    Outbox::Options options;
    options.limits = {maxRecords, maxBytes};
    auto outbox = Outbox::open(dir.path(), options).takeValue();
    const QByteArray payload(10, 'p');
    qint64 first = 0;
    for (int i = 0; i < 3; ++i) {
        const auto id = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), payload);
        QVERIFY2(id.ok(), qPrintable(id.error().toString()));
        if (i == 0)
            first = id.value();
    }
    const auto refused = outbox->append(Outbox::Kind::Uplink, QStringLiteral("b"), payload);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code(), QString::fromLatin1(Outbox::FullCode));
    QCOMPARE(refused.error().kind(), ServiceError::Kind::Unavailable);
    QVERIFY(refused.error().isTransient());
    QVERIFY2(refused.error().message().contains(QStringLiteral("outbox is full")), qPrintable(refused.error().message()));
    QVERIFY(refused.error().message().contains(QStringLiteral("raise the outbox limits")));
    QCOMPARE(outbox->rejectedCount(), 1);
    // Nothing stored was dropped.
    QCOMPARE(outbox->totalRecords(), 3);
    QCOMPARE(outbox->records(Outbox::Kind::Uplink, QStringLiteral("a")).value().size(), 3);

    // A batch that does not fit is refused whole and counted per record.
    QVERIFY(outbox->ack(first).ok());
    const auto batch = outbox->appendMany({{Outbox::Kind::Uplink, QStringLiteral("b"), payload},
                                           {Outbox::Kind::Uplink, QStringLiteral("c"), payload}});
    QVERIFY(!batch.ok());
    QCOMPARE(outbox->rejectedCount(), 3);
    QCOMPARE(outbox->totalRecords(), 2);
    // Room again: accepted.
    QVERIFY(outbox->append(Outbox::Kind::Uplink, QStringLiteral("b"), payload).ok());
    QCOMPARE(outbox->rejectedCount(), 3);
}

void TestOutbox::ackOfUnknownRecordFails()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path()).takeValue();
    const qint64 id = outbox->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a").value();
    const Status status = outbox->ackMany({id, id + 100});
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code(), QString::fromLatin1(Outbox::UnknownRecordCode));
    QCOMPARE(outbox->totalRecords(), 1); // nothing removed
    QVERIFY(!outbox->nack(id + 100, {}, QStringLiteral("x")).ok());
}

void TestOutbox::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("pathIsDirectory");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("words");
    QTest::addRow("text file") << QByteArray("this is not a database\n").repeated(200) << false
                               << QString::fromLatin1(Outbox::CorruptedCode) << QStringLiteral("damaged");
    QByteArray header("SQLite format 3");
    header.append('\0');
    header.append(QByteArray(4080, '\x5a'));
    QTest::addRow("damaged header") << header << false << QString::fromLatin1(Outbox::CorruptedCode)
                                    << QStringLiteral("move the file aside");
    QTest::addRow("path is a directory") << QByteArray() << true << QString::fromLatin1(Outbox::UnavailableCode)
                                         << QStringLiteral("cannot be read or written");
}

void TestOutbox::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, pathIsDirectory);
    QFETCH(QString, code);
    QFETCH(QString, words);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("outbox.sqlite"));
    if (pathIsDirectory) {
        QVERIFY(QDir().mkpath(path));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    const auto opened = Outbox::open(dir.path());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind(), ServiceError::Kind::Backend);
    QCOMPARE(opened.error().code(), code);
    QVERIFY2(opened.error().message().contains(words), qPrintable(opened.error().message()));
    QVERIFY(opened.error().message().contains(QDir::toNativeSeparators(path)));
    QVERIFY(opened.error().toString().startsWith(QStringLiteral("Could not open the outbox")));
}

void TestOutbox::secondOpenIsLocked()
{
    QTemporaryDir dir;
    auto first = Outbox::open(dir.path());
    QVERIFY(first.ok());
    QVERIFY(first.value()->append(Outbox::Kind::Uplink, QStringLiteral("a"), "a").ok());
    const auto second = Outbox::open(dir.path());
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code(), QString::fromLatin1(Outbox::LockedCode));
    QVERIFY2(second.error().message().contains(QStringLiteral("in use by another TwinBridge engine")),
             qPrintable(second.error().message()));
    // Once the first one is closed, the file opens and holds the record.
    first = Result<std::unique_ptr<Outbox>>();
    const auto third = Outbox::open(dir.path());
    QVERIFY2(third.ok(), qPrintable(third.error().toString()));
    QCOMPARE(third.value()->totalRecords(), 1);

    // A file written by a newer format is refused.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        QTemporaryDir other;
        db.setDatabaseName(other.filePath(QStringLiteral("outbox.sqlite")));
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99"));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        const auto newer = Outbox::open(other.path());
        QVERIFY(!newer.ok());
        QCOMPARE(newer.error().code(), QString::fromLatin1(Outbox::TooNewCode));
    }
}

void TestOutbox::killSafety()
{
    QTemporaryDir dir;
    QProcess child;
    QList<QPair<qint64, QByteArray>> acknowledged;
    QByteArray buffer;
    connect(&child, &QProcess::readyReadStandardOutput, this, [&] {
        buffer += child.readAllStandardOutput();
        qsizetype end;
        while ((end = buffer.indexOf('\n')) >= 0) {
            const QList<QByteArray> parts = buffer.left(end).split(' ');
            buffer.remove(0, end + 1);
            if (parts.size() == 3 && parts.at(0) == "ACK")
                acknowledged.append({parts.at(1).toLongLong(), parts.at(2)});
        }
    });
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(ChildArgument), dir.path()});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() >= 300 || child.state() == QProcess::NotRunning, 60000);
    QCOMPARE(child.state(), QProcess::Running);
    child.kill(); // SIGKILL, in the middle of appending
    QTRY_COMPARE_WITH_TIMEOUT(child.state(), QProcess::NotRunning, 10000);
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    buffer += child.readAllStandardOutput();

    auto outbox = Outbox::open(dir.path());
    QVERIFY2(outbox.ok(), qPrintable(outbox.error().toString()));
    QVERIFY(outbox.value()->totalRecords() >= acknowledged.size());
    QHash<qint64, QByteArray> stored;
    for (int d = 0; d < 7; ++d) {
        const auto records = outbox.value()->records(Outbox::Kind::Uplink, QStringLiteral("dev-%1").arg(d));
        QVERIFY(records.ok());
        qint64 previous = 0;
        for (const auto &record : records.value()) {
            QVERIFY(record.id > previous); // order per device kept
            previous = record.id;
            stored.insert(record.id, record.payload);
        }
    }
    for (const auto &[id, payload] : acknowledged) {
        QVERIFY2(stored.contains(id), qPrintable(QStringLiteral("acknowledged record %1 lost").arg(id)));
        QCOMPARE(stored.value(id), payload);
    }
}

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], ChildArgument) == 0) {
        QCoreApplication app(argc, argv);
        return runAppendChild(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestOutbox test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_outbox.moc"
