#include "services/engine/Outbox.h"

#include "services/core/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>

namespace TwinBridge {

namespace {

constexpr int SchemaVersion = 1;

// SQLite primary result codes (sqlite3.h) as the QSQLITE driver reports them in nativeErrorCode().
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteNotADb = 26;

QString newConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("twinbridge-outbox-%1").arg(++counter);
}

int primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

} // namespace

QString Outbox::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Uplink:
        return QStringLiteral("uplink");
    case Kind::IngestEvent:
        return QStringLiteral("ingest_event");
    case Kind::Identity:
        return QStringLiteral("identity");
    }
    return QStringLiteral("unknown");
}

Outbox::Outbox(QString connectionName, QString filePath, Options options, Clock *clock)
    : m_connectionName(std::move(connectionName))
    , m_filePath(std::move(filePath))
    , m_options(std::move(options))
    , m_clock(clock ? clock : Clock::system())
{
}

Outbox::~Outbox()
{
    m_insert.reset();
    m_select.reset();
    m_delete.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Outbox>> Outbox::open(const QString &directory, Clock *clock)
{
    return open(directory, Options(), clock);
}

Result<std::unique_ptr<Outbox>> Outbox::open(const QString &directory, const Options &options, Clock *clock)
{
    const QString operation = tr("open the outbox");
    if (directory.isEmpty() || !QDir().mkpath(directory)) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The data directory “%1” cannot be created. Check that the path is writable or choose "
                               "another data directory for this profile.")
                                .arg(QDir::toNativeSeparators(directory)))
            .setCode(QString::fromLatin1(UnavailableCode))
            .setOperation(operation);
    }
    const QString path = QDir(directory).absoluteFilePath(options.fileName);
    std::unique_ptr<Outbox> outbox(new Outbox(newConnectionName(), path, options, clock));
    const Status status = outbox->initialize();
    if (!status.ok())
        return status.error();
    return outbox;
}

ServiceError Outbox::sqlError(const QSqlDatabase &db, const QString &operation) const
{
    return errorFor(db.lastError(), operation);
}

ServiceError Outbox::sqlError(const QSqlQuery &query, const QString &operation) const
{
    return errorFor(query.lastError(), operation);
}

ServiceError Outbox::errorFor(const QSqlError &error, const QString &operation) const
{
    const QString native = QDir::toNativeSeparators(m_filePath);
    ServiceError result;
    switch (primaryCode(error)) {
    case SqliteCorrupt:
    case SqliteNotADb:
        result = ServiceError(ServiceError::Kind::Backend,
                              tr("The outbox file “%1” is damaged or is not a TwinBridge outbox. Stop the engine, move "
                                 "the file aside (messages in it cannot be recovered by TwinBridge) and start again.")
                                  .arg(native),
                              error.text());
        result.setCode(QString::fromLatin1(CorruptedCode));
        break;
    case SqliteBusy:
    case SqliteLocked:
        result = ServiceError(ServiceError::Kind::Backend,
                              tr("The outbox file “%1” is in use by another TwinBridge engine. Stop the other engine "
                                 "(GUI or twinbridged) that runs this profile, or give this one its own data directory.")
                                  .arg(native),
                              error.text());
        result.setCode(QString::fromLatin1(LockedCode));
        break;
    default:
        // SQLITE_READONLY, IOERR, FULL, CANTOPEN and anything else.
        result = ServiceError(ServiceError::Kind::Backend,
                              tr("The outbox file “%1” cannot be read or written (%2). Check the disk space and the "
                                 "permissions of the data directory.")
                                  .arg(native, error.databaseText().isEmpty() ? error.text() : error.databaseText()),
                              error.text());
        result.setCode(QString::fromLatin1(UnavailableCode));
        break;
    }
    result.setOperation(operation);
    return result;
}

Status Outbox::initialize()
{
    const QString operation = tr("open the outbox");
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_filePath);
    // A short busy timeout: another engine holding the file must produce a clear error, not a hang.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=200"));
    if (!db.open())
        return sqlError(db, operation);

    QSqlQuery query(db);
    // EXCLUSIVE locking: the first write takes the lock and keeps it for the connection's life, so a second
    // engine on the same profile fails with OutboxLocked instead of replaying the same records (in WAL mode this
    // also means no shared-memory file).
    const QString pragmas[] = {
        QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"),
        QStringLiteral("PRAGMA journal_mode=WAL"),
        m_options.synchronous == Synchronous::Full ? QStringLiteral("PRAGMA synchronous=FULL")
                                                   : QStringLiteral("PRAGMA synchronous=NORMAL"),
    };
    for (const QString &pragma : pragmas) {
        if (!query.exec(pragma))
            return sqlError(query, operation);
        // journal_mode answers with the mode in effect: a file system that cannot do WAL keeps another one.
        if (pragma.contains(QLatin1String("journal_mode")) && query.next()
            && query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            qCWarning(lcOutbox) << "The outbox runs in journal mode" << query.value(0).toString()
                                << "instead of WAL (the file system does not support it); appends are slower";
        }
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return sqlError(query, operation);
    const int version = query.value(0).toInt();
    if (version > SchemaVersion) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The outbox file “%1” was written by a newer TwinBridge (format %2, this version reads "
                               "format %3). Use the newer TwinBridge to drain it, or move the file aside.")
                                .arg(QDir::toNativeSeparators(m_filePath))
                                .arg(version)
                                .arg(SchemaVersion))
            .setCode(QString::fromLatin1(TooNewCode))
            .setOperation(operation);
    }
    if (!db.transaction())
        return sqlError(db, operation);
    const QString schema[] = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS outbox ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " kind INTEGER NOT NULL,"
                       " device_id TEXT NOT NULL,"
                       " payload BLOB NOT NULL,"
                       " created_at INTEGER NOT NULL,"
                       " attempts INTEGER NOT NULL DEFAULT 0,"
                       " next_attempt_at INTEGER NOT NULL DEFAULT 0,"
                       " last_error TEXT)"),
        QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion),
    };
    for (const QString &statement : schema) {
        if (!query.exec(statement)) {
            const ServiceError error = sqlError(query, operation);
            db.rollback();
            return error;
        }
    }
    if (!db.commit())
        return sqlError(db, operation);

    m_insert = std::make_unique<QSqlQuery>(db);
    m_select = std::make_unique<QSqlQuery>(db);
    m_delete = std::make_unique<QSqlQuery>(db);
    if (!m_insert->prepare(QStringLiteral("INSERT INTO outbox (kind, device_id, payload, created_at) VALUES (?, ?, ?, ?)")))
        return sqlError(*m_insert, operation);
    if (!m_select->prepare(QStringLiteral("SELECT id, kind, device_id, payload, created_at, attempts, next_attempt_at, "
                                          "last_error FROM outbox WHERE id = ?")))
        return sqlError(*m_select, operation);
    if (!m_delete->prepare(QStringLiteral("DELETE FROM outbox WHERE id = ?")))
        return sqlError(*m_delete, operation);
    return loadIndex();
}

Status Outbox::loadIndex()
{
    // Replay: everything stored is pending again; nothing is in flight after a restart.
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, kind, device_id, length(payload), next_attempt_at FROM outbox ORDER BY id")))
        return sqlError(query, tr("read the outbox"));
    QHash<QueueKey, qint64> retryAt;
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        const int kind = query.value(1).toInt();
        if (kind < 1 || kind > KindCount) {
            qCWarning(lcOutbox) << "Skipping outbox record" << id << "of unknown kind" << kind;
            continue;
        }
        QueueKey key{kind, query.value(2).toString()};
        const qint64 bytes = query.value(3).toLongLong();
        Queue &queue = m_queues[key];
        if (queue.entries.empty())
            queue.retryAtMs = query.value(4).toLongLong();
        queue.entries.push_back(Entry{id, bytes});
        ++state(kind).depth;
        ++m_totalRecords;
        m_totalBytes += bytes;
    }
    for (auto it = m_queues.begin(); it != m_queues.end(); ++it)
        scheduleHead(it.key(), it.value());
    if (m_totalRecords > 0) {
        qCInfo(lcOutbox) << "Outbox replays" << m_totalRecords << "records of" << m_queues.size() << "queues from"
                         << m_filePath;
    }
    return Done{};
}

qint64 Outbox::nowMs() const
{
    return m_clock->nowUtc().toMSecsSinceEpoch();
}

void Outbox::scheduleHead(const QueueKey &key, Queue &queue)
{
    if (queue.entries.empty() || queue.headInFlight)
        return;
    KindState &s = state(key.kind);
    const qint64 head = queue.entries.front().id;
    if (queue.retryAtMs > nowMs())
        s.waiting.emplace(queue.retryAtMs, head);
    else
        s.ready.insert(head);
}

void Outbox::unscheduleHead(const QueueKey &key, const Queue &queue)
{
    if (queue.entries.empty())
        return;
    KindState &s = state(key.kind);
    const qint64 head = queue.entries.front().id;
    s.ready.erase(head);
    s.waiting.erase({queue.retryAtMs, head});
}

ServiceError Outbox::fullError(qint64 records, qint64 bytes) const
{
    return ServiceError(ServiceError::Kind::Unavailable,
                        tr("The outbox is full (%1 of at most %2 records, %3 of at most %4 bytes), so %5 new record(s) "
                           "were refused. The far side is not confirming messages: check the connection to the hub and "
                           "TTS, or raise the outbox limits.")
                            .arg(m_totalRecords)
                            .arg(m_options.limits.maxRecords)
                            .arg(m_totalBytes)
                            .arg(m_options.limits.maxBytes)
                            .arg(records),
                        QStringLiteral("refused %1 records, %2 bytes").arg(records).arg(bytes))
        .setCode(QString::fromLatin1(FullCode))
        .setOperation(tr("store messages in the outbox"));
}

Result<qint64> Outbox::append(Kind kind, const QString &deviceId, const QByteArray &payload)
{
    Result<QList<qint64>> ids = appendMany({NewRecord{kind, deviceId, payload}});
    if (!ids.ok())
        return ids.error();
    return ids.value().constFirst();
}

Result<QList<qint64>> Outbox::appendMany(const QList<NewRecord> &records)
{
    if (records.isEmpty())
        return QList<qint64>{};
    const QString operation = tr("store messages in the outbox");
    qint64 bytes = 0;
    for (const NewRecord &record : records) {
        if (record.deviceId.isEmpty() || int(record.kind) < 1 || int(record.kind) > KindCount) {
            return ServiceError::invalidInput(tr("An outbox record needs a device id and a known kind."))
                .setOperation(operation);
        }
        bytes += record.payload.size();
    }
    const qint64 count = records.size();
    if (m_totalRecords + count > m_options.limits.maxRecords || m_totalBytes + bytes > m_options.limits.maxBytes) {
        m_rejected += count;
        qCWarning(lcOutbox) << "Outbox full: refused" << count << "records (" << m_totalRecords << "records,"
                            << m_totalBytes << "bytes stored)";
        return fullError(count, bytes);
    }

    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return sqlError(db, operation);
    const qint64 created = nowMs();
    QList<qint64> ids;
    ids.reserve(records.size());
    for (const NewRecord &record : records) {
        m_insert->bindValue(0, int(record.kind));
        m_insert->bindValue(1, record.deviceId);
        m_insert->bindValue(2, record.payload);
        m_insert->bindValue(3, created);
        if (!m_insert->exec()) {
            const ServiceError error = sqlError(*m_insert, operation);
            db.rollback();
            return error;
        }
        ids.append(m_insert->lastInsertId().toLongLong());
    }
    if (!db.commit()) {
        const ServiceError error = sqlError(db, operation);
        db.rollback();
        return error;
    }
    // Only now, with the records on disk, do they join the in-memory queues.
    for (qsizetype i = 0; i < records.size(); ++i) {
        const NewRecord &record = records.at(i);
        QueueKey key{int(record.kind), record.deviceId};
        Queue &queue = m_queues[key];
        const bool wasEmpty = queue.entries.empty();
        queue.entries.push_back(Entry{ids.at(i), record.payload.size()});
        if (wasEmpty) {
            queue.retryAtMs = 0;
            queue.headInFlight = false;
            scheduleHead(key, queue);
        }
        ++state(key.kind).depth;
    }
    m_totalRecords += count;
    m_totalBytes += bytes;
    return ids;
}

Result<Outbox::Record> Outbox::loadRecord(qint64 id) const
{
    m_select->bindValue(0, id);
    if (!m_select->exec())
        return sqlError(*m_select, tr("read the outbox"));
    if (!m_select->next()) {
        m_select->finish();
        return ServiceError(ServiceError::Kind::Backend, tr("The outbox has no record %1.").arg(id))
            .setCode(QString::fromLatin1(UnknownRecordCode))
            .setOperation(tr("read the outbox"));
    }
    Record record;
    record.id = m_select->value(0).toLongLong();
    record.kind = Kind(m_select->value(1).toInt());
    record.deviceId = m_select->value(2).toString();
    record.payload = m_select->value(3).toByteArray();
    record.createdAt = fromMs(m_select->value(4).toLongLong());
    record.attempts = m_select->value(5).toInt();
    record.nextAttemptAt = fromMs(m_select->value(6).toLongLong());
    record.lastError = m_select->value(7).toString();
    m_select->finish();
    return record;
}

Result<QList<Outbox::Record>> Outbox::takeReady(Kind kind, int limit)
{
    QList<Record> taken;
    if (int(kind) < 1 || int(kind) > KindCount || limit <= 0)
        return taken;
    KindState &s = state(int(kind));
    const qint64 now = nowMs();
    while (!s.waiting.empty() && s.waiting.begin()->first <= now) {
        s.ready.insert(s.waiting.begin()->second);
        s.waiting.erase(s.waiting.begin());
    }
    while (!s.ready.empty() && taken.size() < limit) {
        const qint64 id = *s.ready.begin();
        Result<Record> record = loadRecord(id);
        if (!record.ok())
            return record.error(); // the head stays ready; nothing changed
        s.ready.erase(s.ready.begin());
        QueueKey key{int(kind), record.value().deviceId};
        auto queue = m_queues.find(key);
        if (queue != m_queues.end())
            queue->headInFlight = true;
        m_inFlight.insert(id, key);
        taken.append(record.takeValue());
    }
    return taken;
}

std::optional<QDateTime> Outbox::nextRetryAt(Kind kind) const
{
    if (int(kind) < 1 || int(kind) > KindCount)
        return std::nullopt;
    const KindState &s = state(int(kind));
    if (s.waiting.empty())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(s.waiting.begin()->first, Qt::UTC);
}

Status Outbox::ack(qint64 id)
{
    return ackMany({id});
}

Status Outbox::ackMany(const QList<qint64> &ids)
{
    return removeRecords(ids, tr("remove confirmed messages from the outbox"));
}

Status Outbox::removeRecords(const QList<qint64> &ids, const QString &operation)
{
    if (ids.isEmpty())
        return Done{};
    // Find every record's queue first, so that an unknown id changes nothing.
    QList<QueueKey> keys;
    keys.reserve(ids.size());
    for (const qint64 id : ids) {
        auto inFlight = m_inFlight.constFind(id);
        if (inFlight != m_inFlight.constEnd()) {
            keys.append(*inFlight);
            continue;
        }
        Result<Record> record = loadRecord(id);
        if (!record.ok())
            return ServiceError(record.error()).setOperation(operation);
        keys.append(QueueKey{int(record.value().kind), record.value().deviceId});
    }

    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return sqlError(db, operation);
    for (const qint64 id : ids) {
        m_delete->bindValue(0, id);
        if (!m_delete->exec()) {
            const ServiceError error = sqlError(*m_delete, operation);
            db.rollback();
            return error;
        }
    }
    if (!db.commit()) {
        const ServiceError error = sqlError(db, operation);
        db.rollback();
        return error;
    }

    for (qsizetype i = 0; i < ids.size(); ++i) {
        const qint64 id = ids.at(i);
        const QueueKey &key = keys.at(i);
        m_inFlight.remove(id);
        auto queue = m_queues.find(key);
        if (queue == m_queues.end())
            continue;
        auto &entries = queue->entries;
        auto entry = std::find_if(entries.begin(), entries.end(), [id](const Entry &e) { return e.id == id; });
        if (entry == entries.end())
            continue;
        const bool isHead = entry == entries.begin();
        if (isHead)
            unscheduleHead(key, *queue);
        m_totalBytes -= entry->bytes;
        --m_totalRecords;
        --state(key.kind).depth;
        entries.erase(entry);
        if (isHead) {
            queue->headInFlight = false;
            queue->retryAtMs = 0;
            if (entries.empty()) {
                m_queues.erase(queue);
                continue;
            }
            // The next record has never been tried (only heads are handed out), so it is ready now.
            scheduleHead(key, *queue);
        }
    }
    return Done{};
}

Status Outbox::nack(qint64 id, const QDateTime &retryAt, const QString &error)
{
    const QString operation = tr("record a failed delivery in the outbox");
    QueueKey key;
    auto inFlight = m_inFlight.constFind(id);
    if (inFlight != m_inFlight.constEnd()) {
        key = *inFlight;
    } else {
        Result<Record> record = loadRecord(id);
        if (!record.ok())
            return ServiceError(record.error()).setOperation(operation);
        key = QueueKey{int(record.value().kind), record.value().deviceId};
    }
    auto queue = m_queues.find(key);
    const bool isHead = queue != m_queues.end() && !queue->entries.empty() && queue->entries.front().id == id;
    const qint64 retryAtMs = retryAt.isValid() ? retryAt.toMSecsSinceEpoch() : nowMs();

    QSqlQuery update(QSqlDatabase::database(m_connectionName, false));
    update.prepare(QStringLiteral(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?"));
    update.bindValue(0, retryAtMs);
    update.bindValue(1, error);
    update.bindValue(2, id);
    if (!update.exec())
        return sqlError(update, operation);

    m_inFlight.remove(id);
    if (isHead) {
        unscheduleHead(key, *queue);
        queue->headInFlight = false;
        queue->retryAtMs = retryAtMs;
        scheduleHead(key, *queue);
    }
    return Done{};
}

void Outbox::release(qint64 id)
{
    auto inFlight = m_inFlight.find(id);
    if (inFlight == m_inFlight.end())
        return;
    const QueueKey key = *inFlight;
    m_inFlight.erase(inFlight);
    auto queue = m_queues.find(key);
    if (queue == m_queues.end() || queue->entries.empty() || queue->entries.front().id != id)
        return;
    queue->headInFlight = false;
    scheduleHead(key, *queue);
}

qint64 Outbox::depth(Kind kind) const
{
    if (int(kind) < 1 || int(kind) > KindCount)
        return 0;
    return state(int(kind)).depth;
}

qint64 Outbox::queueCount(Kind kind) const
{
    qint64 count = 0;
    for (auto it = m_queues.cbegin(); it != m_queues.cend(); ++it) {
        if (it.key().kind == int(kind))
            ++count;
    }
    return count;
}

Result<QList<Outbox::Record>> Outbox::records(Kind kind, const QString &deviceId) const
{
    QList<Record> result;
    const auto queue = m_queues.constFind(QueueKey{int(kind), deviceId});
    if (queue == m_queues.cend())
        return result;
    for (const Entry &entry : queue->entries) {
        Result<Record> record = loadRecord(entry.id);
        if (!record.ok())
            return record.error();
        result.append(record.takeValue());
    }
    return result;
}

} // namespace TwinBridge

namespace TwinBridge {

Result<qint64> Outbox::retryNow(Kind kind)
{
    if (int(kind) < 1 || int(kind) > KindCount)
        return qint64(0);
    KindState &s = state(int(kind));
    if (s.waiting.empty())
        return qint64(0);
    QList<qint64> heads;
    heads.reserve(qsizetype(s.waiting.size()));
    for (const auto &waiting : s.waiting)
        heads.append(waiting.second);

    const QString operation = tr("retry the waiting messages of the outbox now");
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return sqlError(db, operation);
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE outbox SET next_attempt_at = 0 WHERE id = ?"));
    for (const qint64 id : std::as_const(heads)) {
        update.bindValue(0, id);
        if (!update.exec()) {
            const ServiceError error = sqlError(update, operation);
            db.rollback();
            return error;
        }
    }
    if (!db.commit()) {
        const ServiceError error = sqlError(db, operation);
        db.rollback();
        return error;
    }
    for (auto it = m_queues.begin(); it != m_queues.end(); ++it) {
        if (it.key().kind == int(kind))
            it->retryAtMs = 0;
    }
    for (const qint64 id : std::as_const(heads))
        s.ready.insert(id);
    s.waiting.clear();
    return qint64(heads.size());
}

Result<QList<qint64>> Outbox::discard(const QString &deviceId)
{
    // Every record not in flight, with its queue: a queue whose head is in flight keeps that head only.
    QList<qint64> ids;
    QList<QueueKey> touched;
    for (auto it = m_queues.cbegin(); it != m_queues.cend(); ++it) {
        if (!deviceId.isEmpty() && it.key().deviceId != deviceId)
            continue;
        const Queue &queue = it.value();
        const size_t keep = queue.headInFlight ? 1 : 0;
        if (queue.entries.size() <= keep)
            continue;
        touched.append(it.key());
        for (size_t i = keep; i < queue.entries.size(); ++i)
            ids.append(queue.entries[i].id);
    }
    if (ids.isEmpty())
        return ids;

    const QString operation = tr("discard messages from the outbox");
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return sqlError(db, operation);
    for (const qint64 id : std::as_const(ids)) {
        m_delete->bindValue(0, id);
        if (!m_delete->exec()) {
            const ServiceError error = sqlError(*m_delete, operation);
            db.rollback();
            return error;
        }
    }
    if (!db.commit()) {
        const ServiceError error = sqlError(db, operation);
        db.rollback();
        return error;
    }

    for (const QueueKey &key : std::as_const(touched)) {
        auto queue = m_queues.find(key);
        if (queue == m_queues.end())
            continue;
        unscheduleHead(key, *queue);
        const size_t keep = queue->headInFlight ? 1 : 0;
        for (size_t i = keep; i < queue->entries.size(); ++i) {
            m_totalBytes -= queue->entries[i].bytes;
            --m_totalRecords;
            --state(key.kind).depth;
        }
        queue->entries.resize(keep);
        if (queue->entries.empty())
            m_queues.erase(queue);
        // A kept head is in flight: scheduleHead() leaves it alone until its ack or nack.
    }
    return ids;
}

} // namespace TwinBridge
