#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <utility>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

namespace TwinBridge {

// The engine's durable queue (DESIGN §1 "Durability"): everything the engine accepted — uplinks from TTS,
// events from the ingest endpoint — is appended here before it is acted on and removed (ack) only once the
// far side confirmed it. One SQLite file (Qt SQL, WAL) in the profile's data directory.
//
// Queues. Records form one FIFO per (kind, device id). takeReady() hands out the *head* of each queue that
// is neither in flight nor backing off; a queue whose head is in flight or waiting for its retry time
// blocks only itself, so per-device order is kept while other devices go on.
//
// Durability. append()/appendMany() return only after the transaction committed. The database runs in WAL
// mode with synchronous=FULL by default: every commit fsyncs the WAL, so an acknowledged append survives
// kill -9, an OS crash and a power cut. (synchronous=NORMAL would survive kill -9 as well — the WAL
// writes are in the kernel's page cache when commit returns — but not a power cut; it is offered as
// Synchronous::Normal for throughput-first setups.) appendMany() writes a batch in one transaction and one
// fsync, which is how the engine reaches thousands of appends per second.
//
// In flight. Whether a record is in flight is kept in memory only: after a restart every record is ready
// again (replay on open), with its attempt count, retry time and last error as persisted by nack().
//
// Size bound and overflow policy. The outbox holds at most Limits::maxRecords records and
// Limits::maxBytes payload bytes. When an append would exceed either bound, the *new* records are rejected
// (appendMany() rejects the whole batch) with an OutboxFull error (kind Unavailable, code "OutboxFull")
// and rejectedCount() grows by the number of records refused; nothing already stored is ever dropped.
// The caller must then refuse the input upstream (e.g. not acknowledge it) and report it.
//
// Errors. A file that is not a SQLite database or is damaged → code "OutboxCorrupted"; a file held by
// another outbox (another engine on the same profile) → "OutboxLocked"; a directory or file that cannot
// be created or written → "OutboxUnavailable"; a file written by a newer TwinBridge → "OutboxTooNew".
// All have kind Backend and a message that says what to do.
//
// Threading. The object and its SQL connection belong to the thread that opened it (the engine's worker
// thread). Every call is synchronous; no call waits for another thread.
class Outbox
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::Outbox)

public:
    enum class Kind {
        Uplink = 1, // a TTS message (ApplicationUp or another of the 10 types) bound for the hub
        IngestEvent = 2, // one event accepted by the ingest endpoint, bound for TTS
        Identity = 3, // an identity the engine must create in the hub
    };
    static constexpr int KindCount = 3;
    static QString kindName(Kind kind); // "uplink", "ingest_event", "identity"

    enum class Synchronous { Full, Normal };

    struct Limits
    {
        qint64 maxRecords = 1'000'000;
        qint64 maxBytes = qint64(1) << 30; // 1 GiB of payload
    };

    struct Options
    {
        Limits limits;
        Synchronous synchronous = Synchronous::Full;
        QString fileName = QStringLiteral("outbox.sqlite");
    };

    struct NewRecord
    {
        Kind kind = Kind::Uplink;
        QString deviceId;
        QByteArray payload;
    };

    struct Record
    {
        qint64 id = 0;
        Kind kind = Kind::Uplink;
        QString deviceId;
        QByteArray payload;
        QDateTime createdAt; // UTC, millisecond precision
        int attempts = 0; // failed attempts so far (nack count)
        QDateTime nextAttemptAt; // UTC; invalid if it never failed
        QString lastError; // the last nack's text
    };

    static constexpr const char *CorruptedCode = "OutboxCorrupted";
    static constexpr const char *LockedCode = "OutboxLocked";
    static constexpr const char *UnavailableCode = "OutboxUnavailable";
    static constexpr const char *TooNewCode = "OutboxTooNew";
    static constexpr const char *FullCode = "OutboxFull";
    static constexpr const char *UnknownRecordCode = "OutboxUnknownRecord";

    // Opens (creating if needed) `directory`/options.fileName. `clock` stamps records and decides when a
    // backed-off record is ready again (not owned; nullptr = system clock).
    static Result<std::unique_ptr<Outbox>> open(const QString &directory, const Options &options, Clock *clock = nullptr);
    static Result<std::unique_ptr<Outbox>> open(const QString &directory, Clock *clock = nullptr);
    ~Outbox();
    Outbox(const Outbox &) = delete;
    Outbox &operator=(const Outbox &) = delete;

    QString filePath() const { return m_filePath; }
    Limits limits() const { return m_options.limits; }
    // Applies at the next append; records already stored beyond a lowered bound stay.
    void setLimits(const Limits &limits) { m_options.limits = limits; }

    // Appends one record; its id is on disk when this returns.
    Result<qint64> append(Kind kind, const QString &deviceId, const QByteArray &payload);
    // Appends all records in one transaction, all or none; ids in the order given.
    Result<QList<qint64>> appendMany(const QList<NewRecord> &records);

    // Up to `limit` queue heads of `kind` that are ready now (not in flight, retry time reached), oldest
    // first; each is marked in flight and stays so until ack() or nack().
    Result<QList<Record>> takeReady(Kind kind, int limit);
    // The earliest retry time of a backing-off queue head of `kind`, if any (to schedule the next
    // takeReady()).
    std::optional<QDateTime> nextRetryAt(Kind kind) const;

    // Deletes a record (the far side confirmed it). Acking an unknown id fails with UnknownRecordCode.
    Status ack(qint64 id);
    Status ackMany(const QList<qint64> &ids);
    // The attempt failed: attempts + 1, retry not before `retryAt`, `error` kept (and persisted). The
    // record stays the head of its queue.
    Status nack(qint64 id, const QDateTime &retryAt, const QString &error);
    // Gives an in-flight record back without counting an attempt (e.g. the engine shuts down).
    void release(qint64 id);

    qint64 depth(Kind kind) const;
    qint64 totalRecords() const { return m_totalRecords; }
    qint64 totalBytes() const { return m_totalBytes; }
    qint64 inFlightCount() const { return qint64(m_inFlight.size()); }
    // Records refused by the size bound since open.
    qint64 rejectedCount() const { return m_rejected; }
    // Number of devices with records of `kind`.
    qint64 queueCount(Kind kind) const;

    // Everything stored for one queue, oldest first (for inspection and tests).
    Result<QList<Record>> records(Kind kind, const QString &deviceId) const;

private:
    struct QueueKey
    {
        int kind = 0;
        QString deviceId;
        bool operator==(const QueueKey &other) const = default;
    };
    friend size_t qHash(const QueueKey &key, size_t seed) noexcept { return qHashMulti(seed, key.kind, key.deviceId); }

    struct Entry
    {
        qint64 id;
        qint64 bytes;
    };
    struct Queue
    {
        std::deque<Entry> entries;
        qint64 retryAtMs = 0; // of the head
        bool headInFlight = false;
    };
    struct KindState
    {
        std::set<qint64> ready; // head ids ready now
        std::set<std::pair<qint64, qint64>> waiting; // (retryAtMs, head id)
        qint64 depth = 0;
    };

    Outbox(QString connectionName, QString filePath, Options options, Clock *clock);
    Status initialize();
    Status loadIndex();
    ServiceError sqlError(const QSqlQuery &query, const QString &operation) const;
    ServiceError sqlError(const QSqlDatabase &db, const QString &operation) const;
    ServiceError errorFor(const QSqlError &error, const QString &operation) const;
    ServiceError fullError(qint64 records, qint64 bytes) const;
    qint64 nowMs() const;
    // Puts the queue's head (if any) into the ready or waiting set.
    void scheduleHead(const QueueKey &key, Queue &queue);
    void unscheduleHead(const QueueKey &key, const Queue &queue);
    Status removeRecords(const QList<qint64> &ids, const QString &operation);
    Result<Record> loadRecord(qint64 id) const;
    KindState &state(int kind) { return m_kinds[kind - 1]; }
    const KindState &state(int kind) const { return m_kinds[kind - 1]; }

    QString m_connectionName;
    QString m_filePath;
    Options m_options;
    Clock *m_clock;
    QHash<QueueKey, Queue> m_queues;
    QHash<qint64, QueueKey> m_inFlight;
    KindState m_kinds[KindCount];
    qint64 m_totalRecords = 0;
    qint64 m_totalBytes = 0;
    qint64 m_rejected = 0;
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_select;
    std::unique_ptr<QSqlQuery> m_delete;

public:
    // The console's outbox actions (Bridge page). retryNow(): every backing-off queue head of `kind` is ready
    // at once (its retry time is reset, on disk too); returns how many heads were waiting. discard(): removes
    // every record that is not in flight — of one device, or of all devices when `deviceId` is empty — in one
    // transaction, and returns the ids removed (a record in flight stays: its ack or nack settles it).
    Result<qint64> retryNow(Kind kind);
    Result<QList<qint64>> discard(const QString &deviceId = {});
};

} // namespace TwinBridge
