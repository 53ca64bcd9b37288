// Outbox throughput: appends per second one by one and in batches (synchronous=FULL and NORMAL), and the
// drain rate (takeReady + ack) over many devices. Usage: outbox_bench [DIR] [RECORDS]; DIR defaults to a
// temporary directory (put it on the disk the engine will use: fsync cost is what this measures).

#include "services/engine/Outbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSysInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace TwinBridge;

namespace {

struct Run
{
    const char *name;
    Outbox::Synchronous synchronous;
    int batch;
};

double appendRate(const QString &directory, const Run &run, int records, const QByteArray &payload)
{
    QDir(directory).removeRecursively();
    Outbox::Options options;
    options.synchronous = run.synchronous;
    auto opened = Outbox::open(directory, options);
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 0;
    }
    Outbox &outbox = *opened.value();
    QElapsedTimer timer;
    timer.start();
    for (int done = 0; done < records; done += run.batch) {
        if (run.batch == 1) {
            if (!outbox.append(Outbox::Kind::Uplink, QStringLiteral("dev-%1").arg(done % 1000), payload).ok())
                return 0;
            continue;
        }
        QList<Outbox::NewRecord> batch;
        batch.reserve(run.batch);
        for (int i = 0; i < run.batch; ++i)
            batch.append({Outbox::Kind::Uplink, QStringLiteral("dev-%1").arg((done + i) % 1000), payload});
        if (!outbox.appendMany(batch).ok())
            return 0;
    }
    return records * 1000.0 / std::max<qint64>(1, timer.elapsed());
}

double drainRate(const QString &directory, int records, const QByteArray &payload)
{
    QDir(directory).removeRecursively();
    auto outbox = Outbox::open(directory).takeValue();
    for (int done = 0; done < records; done += 500) {
        QList<Outbox::NewRecord> batch;
        for (int i = 0; i < 500; ++i)
            batch.append({Outbox::Kind::Uplink, QStringLiteral("dev-%1").arg((done + i) % 10000), payload});
        outbox->appendMany(batch);
    }
    QElapsedTimer timer;
    timer.start();
    qint64 drained = 0;
    while (outbox->totalRecords() > 0) {
        const auto taken = outbox->takeReady(Outbox::Kind::Uplink, 200);
        if (!taken.ok() || taken.value().isEmpty())
            break;
        QList<qint64> ids;
        for (const auto &record : taken.value())
            ids.append(record.id);
        outbox->ackMany(ids);
        drained += ids.size();
    }
    return drained * 1000.0 / std::max<qint64>(1, timer.elapsed());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir temporary;
    const QString base = argc > 1 ? QString::fromLocal8Bit(argv[1]) : temporary.path();
    const int records = argc > 2 ? QByteArray(argv[2]).toInt() : 5000;
    const QByteArray payload(600, 'u'); // about the size of an ApplicationUp JSON

    std::printf("outbox_bench %s, %s, %d records of %lld bytes in %s\n",
                qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)), qPrintable(QSysInfo::prettyProductName()),
                records, static_cast<long long>(payload.size()), qPrintable(base));
    const Run runs[] = {
        {"append one by one, synchronous=FULL", Outbox::Synchronous::Full, 1},
        {"append one by one, synchronous=NORMAL", Outbox::Synchronous::Normal, 1},
        {"appendMany x10, synchronous=FULL", Outbox::Synchronous::Full, 10},
        {"appendMany x100, synchronous=FULL", Outbox::Synchronous::Full, 100},
        {"appendMany x100, synchronous=NORMAL", Outbox::Synchronous::Normal, 100},
    };
    for (const Run &run : runs) {
        const int count = run.batch == 1 ? std::min(records, 2000) : records * 4;
        std::printf("%-40s %10.0f records/s\n", run.name, appendRate(base + QStringLiteral("/append"), run, count, payload));
    }
    std::printf("%-40s %10.0f records/s\n", "takeReady(200) + ackMany, 10000 devices",
                drainRate(base + QStringLiteral("/drain"), records * 4, payload));
    return 0;
}
