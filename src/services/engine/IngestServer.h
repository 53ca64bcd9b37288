#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/engine/IngestEvent.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace TwinBridge {

class IngestSink;

// The engine's ingest endpoint: TTS's Azure IoT Hub events contract (reference/tts-integration.md
// §2.5–2.6, DESIGN §1 "Events in") so that the Azure Function TTS's template deploys can post to
// TwinBridge unchanged (STACK_BASE_URL = this server's url() + "/api/v3"):
//
//   POST /api/v3/as/applications/{app}/packages/azureiothub/events
//        Authorization: Bearer <ingest key>, JSON body ≤ maxBodyBytes
//        200 {}            the batch was validated and persisted by the IngestSink
//        400               malformed body; the message names the event and field
//        401               missing or wrong key (compared in constant time)
//        404               another application (or an unknown path)
//        405               another method on a known path (Allow header)
//        411               no Content-Length (chunked bodies are refused: the limit is checked before reading)
//        413               Content-Length above the limit; answered from the headers, the body is not read
//        503 Retry-After   the sink could not persist the batch; the Function sends it again
//   GET  /metrics          the metrics callback's text, Prometheus exposition format
//   GET  /healthz          the health callback's JSON; 200 when healthy, 503 otherwise
//
// Errors use TTS's error JSON ({"code","message","details":[…]}). Every connection carries one request
// ("Connection: close"). After a 200 the accepted events are emitted with eventsPersisted(): processing
// happens after the answer. Binds to 127.0.0.1 unless `allowRemote` is set; TLS with a PEM certificate and
// key when both paths are given. The key is never logged.
class IngestServer : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 DefaultMaxBodyBytes = 1024 * 1024;
    static constexpr int MaxHeaderBytes = 64 * 1024;

    struct Options
    {
        QString applicationId; // the TTS application the events are for (the {app} of the path)
        QByteArray ingestKey; // the Function's STACK_API_KEY; empty refuses every POST with 401
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0; // 0 = a free port
        bool allowRemote = false; // required to bind an address that is not loopback
        QString certificatePath; // PEM; with keyPath: HTTPS
        QString keyPath; // PEM, unencrypted
        qint64 maxBodyBytes = DefaultMaxBodyBytes;
        std::chrono::seconds retryAfter {5}; // on 503
        // A connection whose header block is not complete in time, or that is still open after
        // connectionTimeout, is closed (slow or stuck clients cannot hold connections forever).
        std::chrono::milliseconds headerTimeout = std::chrono::seconds(30);
        std::chrono::milliseconds connectionTimeout = std::chrono::seconds(120);
        Clock *clock = nullptr; // nullptr: Clock::system()
    };

    struct Health
    {
        bool healthy = true;
        QJsonObject status;
    };
    using MetricsProvider = std::function<QByteArray()>;
    using HealthProvider = std::function<Health()>;

    struct Statistics
    {
        quint64 batchesAccepted = 0;
        quint64 eventsAccepted = 0;
        quint64 malformed = 0; // 400
        quint64 unauthorized = 0; // 401
        quint64 tooLarge = 0; // 413
        quint64 sinkFailures = 0; // 503
        quint64 otherRejected = 0; // 404, 405, 411, 431
    };

    explicit IngestServer(Options options, QObject *parent = nullptr);
    ~IngestServer() override;

    // Not owned; must outlive the server (or be reset to nullptr). Without a sink every POST gets 503.
    void setSink(IngestSink *sink);
    void setMetricsProvider(MetricsProvider provider);
    void setHealthProvider(HealthProvider provider);

    // Starts listening; returns the port. Fails for a remote address without allowRemote, unreadable
    // TLS files or a port in use.
    Result<quint16> listen();
    void close();
    bool isListening() const;
    quint16 port() const;
    bool isTls() const;
    // "http(s)://127.0.0.1:P" (the listening address), empty when not listening.
    QUrl url() const;
    // url() + "/api/v3": what the Function's STACK_BASE_URL must be.
    QUrl stackBaseUrl() const;
    const Options &options() const;
    Statistics statistics() const;

    // "/api/v3/as/applications/{app}/packages/azureiothub/events"
    static QString eventsPath(const QString &applicationId);

signals:
    // After the 200 was written (or the client left after the sink confirmed): process these.
    void eventsPersisted(const QList<TwinBridge::IngestEvent> &events);
    // Every answered request (status, path without query); for the live feed and metrics.
    void requestAnswered(int status, const QString &path);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge
