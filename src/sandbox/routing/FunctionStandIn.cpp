#include "sandbox/routing/FunctionStandIn.h"

#include "services/core/Logging.h"
#include "services/net/HttpTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace TwinBridge::Sandbox {

namespace {

const QString stackBaseUrlKey = QStringLiteral("STACK_BASE_URL");
const QString stackApplicationIdKey = QStringLiteral("STACK_APPLICATION_ID");
const QString stackApiKeyKey = QStringLiteral("STACK_API_KEY");

// A JSON string literal for `text` (quotes included).
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// The JSON text without insignificant whitespace, member order and string contents unchanged (like
// System.Text.Json writing a parsed JsonElement). `json` must be valid JSON.
QByteArray minified(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            out.append(c);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == '"')
            inString = true;
        out.append(c);
    }
    return out;
}

} // namespace

FunctionStandIn::FunctionStandIn(EventHubStandIn *source, QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_clock(clock ? clock : Clock::system())
    , m_transport(new HttpTransport(nam, this))
    , m_partitions(size_t(source ? source->partitionCount() : 0))
{
    m_transport->setClock(m_clock);
    // The function retries by itself (the same batch), so the transport must not.
    m_transport->setRetryPolicy(RetryPolicy::none());
    if (m_source) {
        connect(m_source, &EventHubStandIn::eventsAvailable, this, [this](int partition) {
            if (partition >= 0 && size_t(partition) < m_partitions.size() &&
                !m_partitions[size_t(partition)].inFlight && !m_partitions[size_t(partition)].waitingForRetry) {
                deliver(partition);
            }
        });
    }
}

FunctionStandIn::~FunctionStandIn() = default;

void FunctionStandIn::setConfiguration(const RoutingConfiguration::FunctionApp &configuration)
{
    m_configuration = configuration;
    deliverPending();
}

bool FunctionStandIn::isConfigured() const
{
    const QUrl base(m_configuration.appSettings.value(stackBaseUrlKey), QUrl::StrictMode);
    return base.isValid() && (base.scheme() == QLatin1String("http") || base.scheme() == QLatin1String("https")) &&
        !base.host().isEmpty() && !m_configuration.appSettings.value(stackApplicationIdKey).isEmpty() &&
        !m_configuration.appSettings.value(stackApiKeyKey).isEmpty();
}

void FunctionStandIn::reset()
{
    ++m_generation;
    for (PartitionState &state : m_partitions)
        state = PartitionState {};
    m_statistics = Statistics {};
    emit statisticsChanged();
}

QUrl FunctionStandIn::eventsUrl(const QString &stackBaseUrl, const QString &applicationId)
{
    QUrl url(stackBaseUrl);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    path += QStringLiteral("/as/applications/") + applicationId + QStringLiteral("/packages/azureiothub/events");
    url.setPath(path);
    return url;
}

QByteArray FunctionStandIn::requestBody(const QList<EventHubStandIn::Event> &events, const QString &applicationId,
                                        QList<qint64> *rejected)
{
    QByteArray body = "{\"events\":[";
    bool first = true;
    for (const EventHubStandIn::Event &event : events) {
        const auto deviceId = event.properties.constFind(QStringLiteral("deviceId"));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(event.body, &error);
        if (deviceId == event.properties.cend() || error.error != QJsonParseError::NoError || document.isNull()) {
            if (rejected)
                rejected->append(event.sequenceNumber);
            continue;
        }
        if (!first)
            body += ',';
        first = false;
        body += "{\"end_device_ids\":{\"application_ids\":{\"application_id\":" + jsonString(applicationId) +
            "},\"device_id\":" + jsonString(deviceId.value().toString()) + "},\"body\":" + minified(event.body) +
            ",\"properties\":" +
            QJsonDocument(QJsonObject::fromVariantMap(event.properties)).toJson(QJsonDocument::Compact) + '}';
    }
    body += "]}";
    return body;
}

void FunctionStandIn::deliverPending()
{
    for (size_t partition = 0; partition < m_partitions.size(); ++partition) {
        const PartitionState &state = m_partitions[partition];
        if (!state.inFlight && !state.waitingForRetry)
            deliver(int(partition));
    }
}

std::chrono::milliseconds FunctionStandIn::retryDelay(int attempt) const
{
    std::chrono::milliseconds delay = m_configuration.retryInitialDelay;
    for (int i = 1; i < attempt && delay < m_configuration.retryMaxDelay; ++i)
        delay *= 2;
    return std::min(delay, m_configuration.retryMaxDelay);
}

void FunctionStandIn::deliver(int partition)
{
    if (!m_source || partition < 0 || size_t(partition) >= m_partitions.size())
        return;
    PartitionState &state = m_partitions[size_t(partition)];
    if (state.inFlight || !isConfigured())
        return;
    if (state.batch.isEmpty()) {
        state.batch = m_source->peek(partition, m_configuration.maxBatchSize);
        state.attempt = 0;
        if (state.batch.isEmpty())
            return;
    }

    const QString applicationId = m_configuration.appSettings.value(stackApplicationIdKey);
    QList<qint64> rejected;
    const QByteArray body = requestBody(state.batch, applicationId, &rejected);
    state.rejected = int(rejected.size());
    if (!rejected.isEmpty() && state.attempt == 0) {
        m_statistics.eventsRejected += quint64(rejected.size());
        qCWarning(lcSandbox) << "Function" << m_configuration.name << "left out" << rejected.size()
                             << "event(s) without a deviceId application property or a JSON body";
    }
    if (rejected.size() == state.batch.size()) {
        finishBatch(partition);
        return;
    }

    HttpRequest request;
    request.method = "POST";
    request.url = eventsUrl(m_configuration.appSettings.value(stackBaseUrlKey), applicationId);
    request.setHeader("Authorization", "Bearer " + m_configuration.appSettings.value(stackApiKeyKey).toUtf8());
    request.setHeader("Content-Type", "application/json; charset=utf-8");
    request.body = body;
    request.idempotent = false;

    state.inFlight = true;
    ++state.attempt;
    ++m_statistics.batchesInFlight;
    const quint64 generation = m_generation;
    qCDebug(lcSandbox) << "Function" << m_configuration.name << "posting" << state.batch.size()
                       << "event(s) of partition" << partition << "to" << redactedUrl(request.url) << "attempt"
                       << state.attempt;
    m_transport->send(request).then(this, [this, partition, generation](const HttpResponse &response) {
        handleResponse(partition, generation, response);
    });
}

void FunctionStandIn::handleResponse(int partition, quint64 generation, const HttpResponse &response)
{
    if (generation != m_generation)
        return; // reset() meanwhile
    PartitionState &state = m_partitions[size_t(partition)];
    state.inFlight = false;
    --m_statistics.batchesInFlight;
    if (response.isHttpSuccess()) {
        finishBatch(partition);
        return;
    }

    ++m_statistics.failedAttempts;
    m_statistics.lastFailureStatus = response.status;
    m_statistics.lastFailure = response.hasHttpStatus()
        ? QStringLiteral("HTTP %1 from %2")
              .arg(response.status)
              .arg(redactedUrl(eventsUrl(m_configuration.appSettings.value(stackBaseUrlKey),
                                         m_configuration.appSettings.value(stackApplicationIdKey))))
        : response.transportError(QStringLiteral("submit events")).toString();
    const std::chrono::milliseconds delay = retryDelay(state.attempt);
    qCWarning(lcSandbox) << "Function" << m_configuration.name << "could not deliver partition" << partition
                         << "batch:" << m_statistics.lastFailure << "- retrying the same batch in" << delay.count()
                         << "ms";
    state.waitingForRetry = true;
    m_clock->callAfter(delay, this, [this, partition, generation] {
        if (generation != m_generation)
            return;
        m_partitions[size_t(partition)].waitingForRetry = false;
        deliver(partition);
    });
    emit deliveryFailed(partition, response.status, delay);
    emit statisticsChanged();
}

void FunctionStandIn::finishBatch(int partition)
{
    PartitionState &state = m_partitions[size_t(partition)];
    const int count = int(state.batch.size()) - state.rejected;
    const qint64 last = state.batch.constLast().sequenceNumber;
    if (count > 0) {
        m_statistics.eventsDelivered += quint64(count);
        ++m_statistics.batchesDelivered;
    }
    state.batch.clear();
    state.attempt = 0;
    state.rejected = 0;
    if (m_source)
        m_source->checkpoint(partition, last);
    emit batchDelivered(partition, count);
    emit statisticsChanged();
    deliver(partition);
}

} // namespace TwinBridge::Sandbox
