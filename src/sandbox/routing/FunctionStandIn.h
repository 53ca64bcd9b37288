#pragma once

#include "sandbox/routing/EventHubStandIn.h"
#include "sandbox/routing/RoutingConfiguration.h"
#include "services/core/Clock.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <vector>

class QNetworkAccessManager;

namespace TwinBridge {
class HttpTransport;
struct HttpResponse;
} // namespace TwinBridge

namespace TwinBridge::Sandbox {

// A stand-in for TTS's Azure Function "SubmitEvents" (tts-integration.md §2.5): an Event Hubs trigger with
// cardinality "many" reading one Event Hub, configured by the app settings STACK_BASE_URL,
// STACK_APPLICATION_ID and STACK_API_KEY. For every batch it makes one request exactly like run.csx does:
//   POST {STACK_BASE_URL}/as/applications/{app}/packages/azureiothub/events
//   Authorization: Bearer {STACK_API_KEY}
//   Content-Type: application/json; charset=utf-8
//   {"events":[{"end_device_ids":{"application_ids":{"application_id":"…"},"device_id":"…"},
//               "body":{…the event body…},"properties":{…all application properties…}}]}
// Each partition has at most one batch in flight; its events are checkpointed (removed from the Event Hub)
// only after a 2xx answer. On any other answer or a transport failure the same batch is sent again after an
// exponential back-off (on the injected Clock), so nothing is lost or reordered. Without the three app
// settings nothing is sent and events stay pending.
// An event run.csx would throw on (no "deviceId" application property, a body that is not a JSON object or
// array) is left out of the request and counted as rejected; the real function would fail the whole batch.
class FunctionStandIn : public QObject
{
    Q_OBJECT

public:
    struct Statistics
    {
        quint64 eventsDelivered = 0;
        quint64 batchesDelivered = 0;
        quint64 failedAttempts = 0;
        quint64 eventsRejected = 0;
        int batchesInFlight = 0;
        int lastFailureStatus = 0; // HTTP status of the last failed attempt (0: no HTTP answer)
        QString lastFailure; // what went wrong last, for the admin API (no secrets)
    };

    FunctionStandIn(EventHubStandIn *source, QNetworkAccessManager *nam, Clock *clock = Clock::system(),
                    QObject *parent = nullptr);
    ~FunctionStandIn() override;

    EventHubStandIn *source() const { return m_source; }
    void setConfiguration(const RoutingConfiguration::FunctionApp &configuration);
    RoutingConfiguration::FunctionApp configuration() const { return m_configuration; }
    // All three app settings are set (the base URL is an http(s) URL).
    bool isConfigured() const;
    Statistics statistics() const { return m_statistics; }
    // Forgets batches in flight or waiting for a retry (after the Event Hub was cleared) and the counters.
    void reset();

    // Path.Combine(basePath, "as/applications", app, "packages/azureiothub/events") as run.csx builds it.
    static QUrl eventsUrl(const QString &stackBaseUrl, const QString &applicationId);
    // The JSON body for a batch, members in run.csx's order. Sequence numbers of the events left out are
    // added to `rejected`.
    static QByteArray requestBody(const QList<EventHubStandIn::Event> &events, const QString &applicationId,
                                  QList<qint64> *rejected = nullptr);

public slots:
    // Starts a delivery on every partition that has events and nothing in flight.
    void deliverPending();

signals:
    void batchDelivered(int partition, int events);
    void deliveryFailed(int partition, int httpStatus, std::chrono::milliseconds retryIn);
    void statisticsChanged();

private:
    struct PartitionState
    {
        bool inFlight = false;
        bool waitingForRetry = false;
        int attempt = 0;
        int rejected = 0; // events of `batch` left out of the request
        QList<EventHubStandIn::Event> batch; // sent again unchanged until delivered
    };

    void deliver(int partition);
    void handleResponse(int partition, quint64 generation, const HttpResponse &response);
    void finishBatch(int partition);
    std::chrono::milliseconds retryDelay(int attempt) const;

    QPointer<EventHubStandIn> m_source;
    Clock *m_clock;
    HttpTransport *m_transport;
    RoutingConfiguration::FunctionApp m_configuration;
    std::vector<PartitionState> m_partitions;
    Statistics m_statistics;
    quint64 m_generation = 0; // bumped by reset(): answers to older requests are ignored
};

} // namespace TwinBridge::Sandbox
