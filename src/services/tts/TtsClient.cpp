#include "services/tts/TtsClient.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/net/HttpTransport.h"
#include "services/net/RetryPolicy.h"
#include "services/protocol/PercentEncoding.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPromise>
#include <QRegularExpression>

namespace TwinBridge {

namespace {

QJsonObject fieldMask(const QStringList &paths)
{
    return QJsonObject {{QStringLiteral("paths"), QJsonArray::fromStringList(paths)}};
}

QJsonArray componentArray(const QList<TtsComponent> &components)
{
    QJsonArray array;
    for (TtsComponent component : components)
        array.append(ttsComponentShortName(component));
    return array;
}

const QStringList &orderFields()
{
    static const QStringList fields = {QStringLiteral("device_id"),   QStringLiteral("join_eui"),
                                       QStringLiteral("dev_eui"),     QStringLiteral("name"),
                                       QStringLiteral("description"), QStringLiteral("created_at"),
                                       QStringLiteral("last_seen_at")};
    return fields;
}

ServiceError invalidInput(const QString &message, const QString &operation)
{
    ServiceError error = ServiceError::invalidInput(message);
    error.setOperation(operation);
    return error;
}

} // namespace

// ---- state of the multi-request operations -------------------------------------------------------------

struct TtsClient::CreateState
{
    struct Step
    {
        TtsComponent component;
        QByteArray method;
        QString path;
        QJsonObject body;
    };

    QPromise<Result<TtsEndDevice>> promise;
    QString deviceId;
    TtsError::Context context;
    QList<Step> steps;
    int index = 0;
    QList<TtsComponent> created;
    TtsEndDevice merged;

    ServiceError failure;
    TtsComponent failedAt = TtsComponent::IdentityServer;
    bool reached = true; // false when the failing registry never answered
    bool canceled = false;
    QList<TtsComponent> rollback;
    int rollbackIndex = 0;
    QList<TtsComponent> rolledBack;
    QList<TtsComponent> remaining;
    ServiceError rollbackError;
};

struct TtsClient::DeleteState
{
    QPromise<Result<DeleteReport>> promise;
    QString deviceId;
    TtsError::Context context;
    QList<TtsComponent> order;
    int index = 0;
    DeleteReport report;
};

struct TtsClient::MergedState
{
    QPromise<Result<MergedDevice>> promise;
    QString deviceId;
    bool withRootKeys = false;
    TtsError::Context context;
    std::optional<TtsEndDevice> parts[4];
    bool notFound[4] = {false, false, false, false};
    std::optional<ServiceError> errors[4];
    QList<QFuture<HttpResponse>> inFlight;
    QFutureWatcher<Result<MergedDevice>> *watcher = nullptr;
    int pending = 4;
    bool done = false;
};

struct TtsClient::ListAllState
{
    QPromise<Result<QList<TtsEndDevice>>> promise;
    ListOptions options;
    QueryItems baseQuery;
    TtsError::Context context;
    QList<TtsEndDevice> devices;
    QFuture<HttpResponse> inFlight;
    QFutureWatcher<Result<QList<TtsEndDevice>>> *watcher = nullptr;
    int pages = 0;
    bool done = false;

    void finish(Result<QList<TtsEndDevice>> result)
    {
        if (done)
            return;
        done = true;
        Futures::fulfil(promise, std::move(result));
        if (watcher)
            watcher->deleteLater();
    }
};

// ---- construction and configuration ---------------------------------------------------------------------

TtsClient::TtsClient(QNetworkAccessManager *nam, const QUrl &baseUrl, const QString &applicationId,
                     const QString &apiKey, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_transport(new HttpTransport(nam, this))
    , m_clock(clock ? clock : Clock::system())
    , m_applicationId(applicationId)
    , m_apiKey(apiKey)
{
    m_transport->setClock(m_clock);
    const Result<QUrl> normalized = normalizeBaseUrl(baseUrl);
    if (normalized) {
        m_baseUrl = normalized.value();
    } else {
        m_configurationError = normalized.error();
    }
    if (!m_configurationError.isError() && !TtsEndDevice::isValidId(applicationId)) {
        m_configurationError = ServiceError::notConfigured(
            tr("The TTS application id \"%1\" is not valid: use the application's id as shown in the TTS Console "
               "(3 to 36 lower-case letters, digits and dashes).")
                .arg(applicationId.left(64)));
    }
    static const QRegularExpression printable(QStringLiteral("^[\\x21-\\x7e]+$"));
    if (!m_configurationError.isError() && !printable.match(apiKey).hasMatch()) {
        m_configurationError = ServiceError::notConfigured(
            apiKey.isEmpty() ? tr("No TTS API key is configured. Create an API key for the application in the TTS "
                                  "Console and enter it in the connection profile.")
                             : tr("The TTS API key contains spaces or other characters an API key cannot have. "
                                  "Copy the key again from the TTS Console."));
    }
    if (m_configurationError.isError())
        qCWarning(lcTtsRest).noquote() << "TTS client not configured:" << m_configurationError.message();
}

TtsClient::~TtsClient() = default;

Result<QUrl> TtsClient::normalizeBaseUrl(const QUrl &address)
{
    const QString shown = address.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    auto fail = [&shown](const QString &why) {
        ServiceError error = ServiceError::notConfigured(
            tr("The TTS address \"%1\" cannot be used: %2 Use the cluster's API address, e.g. "
               "https://eu1.cloud.thethings.network/api/v3.")
                .arg(shown, why));
        error.setCode(QStringLiteral("InvalidTtsAddress"));
        return error;
    };
    if (address.isEmpty())
        return ServiceError::notConfigured(tr("No TTS address is configured. Enter the cluster's API address, e.g. "
                                              "https://eu1.cloud.thethings.network/api/v3."));
    if (!address.isValid() || address.isRelative())
        return fail(tr("it is not a valid URL."));
    const QString scheme = address.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return fail(tr("it must start with https:// (or http:// for a local test server)."));
    if (address.host().isEmpty())
        return fail(tr("it has no host name."));
    if (!address.userInfo().isEmpty())
        return fail(tr("it must not contain a user name or password; the API key is entered separately."));
    if (address.hasQuery() || address.hasFragment())
        return fail(tr("it must not contain a query (?…) or fragment (#…)."));

    QString path = address.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.isEmpty())
        path = QStringLiteral("/api/v3");
    else if (!path.endsWith(QLatin1String("/api/v3")))
        return fail(tr("its path must be empty or end in /api/v3."));

    QUrl normalized = address;
    normalized.setScheme(scheme);
    normalized.setPath(path, QUrl::TolerantMode);
    return normalized;
}

Status TtsClient::configurationStatus() const
{
    if (m_configurationError.isError())
        return m_configurationError;
    return Done {};
}

QStringList TtsClient::identityServerFields()
{
    return {QStringLiteral("name"),
            QStringLiteral("description"),
            QStringLiteral("attributes"),
            QStringLiteral("version_ids"),
            QStringLiteral("network_server_address"),
            QStringLiteral("application_server_address"),
            QStringLiteral("join_server_address"),
            QStringLiteral("locations"),
            QStringLiteral("activated_at"),
            QStringLiteral("last_seen_at")};
}

// ---- request plumbing -----------------------------------------------------------------------------------

HttpRequest TtsClient::makeRequest(const QByteArray &method, const QString &path, const QueryItems &query,
                                   const std::optional<QJsonObject> &body) const
{
    HttpRequest request;
    request.method = method;
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path(QUrl::FullyEncoded) + path, QUrl::TolerantMode);
    if (!query.isEmpty()) {
        QStringList items;
        for (const auto &item : query) {
            items.append(QString::fromLatin1(QUrl::toPercentEncoding(item.first, "[]")) + QLatin1Char('=') +
                         QString::fromLatin1(QUrl::toPercentEncoding(item.second, ",")));
        }
        url.setQuery(items.join(QLatin1Char('&')), QUrl::TolerantMode);
    }
    request.url = url;
    request.setHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    request.setHeader("Accept", "application/json");
    if (body)
        request.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    request.idempotent = method != "POST";
    return request;
}

TtsError::Context TtsClient::context(const QString &operation, const QString &deviceId,
                                     std::optional<TtsComponent> component, QList<TtsRights::Right> neededRights) const
{
    TtsError::Context context;
    context.operation = operation;
    context.applicationId = m_applicationId;
    context.deviceId = deviceId;
    context.component = component;
    context.neededRights = std::move(neededRights);
    context.secrets = {m_apiKey};
    return context;
}

ServiceError TtsClient::errorFrom(const HttpResponse &response, const TtsError::Context &context) const
{
    if (!response.hasHttpStatus())
        return response.transportError(context.operation);
    ServiceError error = TtsError::toServiceError(response.status, response.body, context);
    if (response.status == 429 || response.status == 503) {
        if (const auto retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"), m_clock->nowUtc()))
            error.setRetryAfter(*retryAfter);
    }
    return error;
}

Result<QJsonObject> TtsClient::jsonObject(const HttpResponse &response, const QString &operation) const
{
    if (response.body.trimmed().isEmpty())
        return QJsonObject(); // TTS answers {} for empty messages; some proxies send nothing
    QString parseError;
    const QJsonDocument document = response.json(&parseError);
    if (!parseError.isEmpty() || !document.isObject()) {
        return ServiceError::malformedResponse(
            operation, parseError.isEmpty() ? tr("expected a JSON object") : tr("invalid JSON: %1").arg(parseError));
    }
    return document.object();
}

template<typename T>
Result<T> TtsClient::parseObject(const HttpResponse &response, const QString &operation) const
{
    const Result<QJsonObject> object = jsonObject(response, operation);
    if (!object)
        return object.error();
    Result<T> value = T::fromJson(object.value());
    if (!value) {
        ServiceError error = value.error();
        return error.setOperation(operation);
    }
    return value;
}

Status TtsClient::checkReady(const QString &operation) const
{
    if (!m_configurationError.isError())
        return Done {};
    ServiceError error = m_configurationError;
    error.setOperation(operation);
    return error;
}

Status TtsClient::checkDeviceId(const QString &deviceId, const QString &operation) const
{
    if (TtsEndDevice::isValidId(deviceId))
        return Done {};
    return invalidInput(tr("\"%1\" is not a valid TTS device id: ids have 3 to 36 lower-case letters, digits and "
                           "single dashes, starting and ending with a letter or digit.")
                            .arg(deviceId.left(64)),
                        operation);
}

QString TtsClient::devicePath(TtsComponent component, const QString &deviceId) const
{
    QString prefix;
    switch (component) {
    case TtsComponent::IdentityServer:
        break;
    case TtsComponent::JoinServer:
        prefix = QStringLiteral("/js");
        break;
    case TtsComponent::NetworkServer:
        prefix = QStringLiteral("/ns");
        break;
    case TtsComponent::ApplicationServer:
        prefix = QStringLiteral("/as");
        break;
    }
    return prefix + QStringLiteral("/applications/") + PercentEncoding::encode(m_applicationId) + QStringLiteral("/devices/") +
        PercentEncoding::encode(deviceId);
}

QString TtsClient::defaultServerAddress() const
{
    const int port = m_baseUrl.port();
    return port < 0 ? m_baseUrl.host() : m_baseUrl.host() + QLatin1Char(':') + QString::number(port);
}

template<typename T, typename Parse>
QFuture<Result<T>> TtsClient::call(HttpRequest request, const TtsError::Context &context, Parse parse)
{
    const QByteArray method = request.method;
    const QString url = redactedUrl(request.url);
    qCDebug(lcTtsRest).noquote() << method << url;
    return m_transport->send(std::move(request))
        .then(this, [this, context, parse, method, url](HttpResponse response) -> Result<T> {
            if (!response.isHttpSuccess()) {
                ServiceError error = errorFrom(response, context);
                qCWarning(lcTtsRest).noquote() << method << url << "failed:" << error.code() << error.message();
                return error;
            }
            return parse(response);
        });
}

// ---- application --------------------------------------------------------------------------------------

QFuture<Result<TtsApplication>> TtsClient::application()
{
    const QString operation = tr("read TTS application \"%1\"").arg(m_applicationId);
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<TtsApplication>(configured.error());
    const QueryItems query = {{QStringLiteral("field_mask"),
                               QStringLiteral("name,description,attributes,network_server_address,"
                                              "application_server_address,join_server_address")}};
    return call<TtsApplication>(
        makeRequest("GET", QStringLiteral("/applications/") + PercentEncoding::encode(m_applicationId), query),
        context(operation, {}, std::nullopt, TtsRights::required(TtsRights::Operation::ApplicationInfo)),
        [this, operation](const HttpResponse &response) { return parseObject<TtsApplication>(response, operation); });
}

QFuture<Result<TtsRights>> TtsClient::rights()
{
    const QString operation = tr("read the API key's rights on TTS application \"%1\"").arg(m_applicationId);
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<TtsRights>(configured.error());
    return call<TtsRights>(makeRequest("GET",
                                       QStringLiteral("/applications/") + PercentEncoding::encode(m_applicationId) +
                                           QStringLiteral("/rights")),
                           context(operation), [this, operation](const HttpResponse &response) -> Result<TtsRights> {
                               Result<TtsRights> rights = parseObject<TtsRights>(response, operation);
                               if (!rights)
                                   return rights;
                               qCDebug(lcTtsRest) << "API key has" << rights.value().granted().size()
                                                  << "known rights on the application";
                               return rights;
                           });
}

// ---- listing and searching ------------------------------------------------------------------------------

Result<TtsClient::QueryItems> TtsClient::listQuery(const ListOptions &options, const QString &operation) const
{
    if (options.limit < 1 || options.limit > MaxPageSize) {
        return invalidInput(tr("The page size must be between 1 and %1, not %2.").arg(MaxPageSize).arg(options.limit),
                            operation);
    }
    if (options.page < 1)
        return invalidInput(tr("Pages are counted from 1, not %1.").arg(options.page), operation);
    static const QRegularExpression pathPattern(QStringLiteral("^[a-z0-9_]+(\\.[a-z0-9_]+)*$"));
    QStringList mask = options.fieldMask;
    for (const QString &path : std::as_const(mask)) {
        if (!pathPattern.match(path).hasMatch())
            return invalidInput(
                tr("\"%1\" is not a field path TTS knows (e.g. name, version_ids.brand_id).").arg(path.left(64)),
                operation);
    }
    QString orderField = options.order;
    if (orderField.startsWith(QLatin1Char('-')))
        orderField.remove(0, 1);
    if (!options.order.isEmpty() && !orderFields().contains(orderField)) {
        return invalidInput(tr("Devices cannot be ordered by \"%1\"; use one of %2, optionally with a leading \"-\" "
                               "for descending order.")
                                .arg(options.order.left(64), orderFields().join(QStringLiteral(", "))),
                            operation);
    }
    // TTS orders only by fields present in the answer; ids and created_at always are.
    if (!orderField.isEmpty() && !orderField.endsWith(QLatin1String("_id")) &&
        !orderField.endsWith(QLatin1String("_eui")) && orderField != QLatin1String("created_at") &&
        !mask.contains(orderField)) {
        mask.append(orderField);
    }
    QueryItems query;
    if (!mask.isEmpty())
        query.append({QStringLiteral("field_mask"), mask.join(QLatin1Char(','))});
    query.append({QStringLiteral("limit"), QString::number(options.limit)});
    query.append({QStringLiteral("page"), QString::number(options.page)});
    if (!options.order.isEmpty())
        query.append({QStringLiteral("order"), options.order});
    return query;
}

Result<TtsClient::DevicePage> TtsClient::parsePage(const HttpResponse &response, const ListOptions &options,
                                                   const TtsError::Context &context) const
{
    const Result<QJsonObject> object = jsonObject(response, context.operation);
    if (!object)
        return object.error();
    const QJsonValue list = object.value().value(QStringLiteral("end_devices"));
    if (!list.isUndefined() && !list.isNull() && !list.isArray())
        return ServiceError::malformedResponse(context.operation, tr("\"end_devices\" is not a list"));
    DevicePage page;
    page.page = options.page;
    page.limit = options.limit;
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            return ServiceError::malformedResponse(context.operation,
                                                   tr("end device %1 of the page is not a JSON object").arg(i + 1));
        }
        Result<TtsEndDevice> device = TtsEndDevice::fromJson(array.at(i).toObject());
        if (!device) {
            ServiceError error = device.error();
            error.setOperation(context.operation);
            return error;
        }
        page.devices.append(device.takeValue());
    }
    bool ok = false;
    const int total = response.header("X-Total-Count").trimmed().toInt(&ok);
    page.total = ok && total >= 0 ? total : -1;
    return page;
}

QFuture<Result<TtsClient::DevicePage>> TtsClient::listDevices()
{
    return listDevices(ListOptions());
}

QFuture<Result<TtsClient::DevicePage>> TtsClient::listDevices(const ListOptions &options)
{
    const QString operation = tr("list the devices of TTS application \"%1\"").arg(m_applicationId);
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<DevicePage>(configured.error());
    const Result<QueryItems> query = listQuery(options, operation);
    if (!query)
        return Futures::readyResult<DevicePage>(query.error());
    const TtsError::Context errorContext =
        context(operation, {}, std::nullopt, TtsRights::required(TtsRights::Operation::ReadDevices));
    return call<DevicePage>(
        makeRequest("GET", QStringLiteral("/applications/") + PercentEncoding::encode(m_applicationId) + QStringLiteral("/devices"),
                    query.value()),
        errorContext, [this, options, errorContext](const HttpResponse &response) {
            return parsePage(response, options, errorContext);
        });
}

QFuture<Result<QList<TtsEndDevice>>> TtsClient::listAllDevices(const QStringList &fieldMask, int pageSize,
                                                               const QString &order)
{
    const QString operation = tr("list the devices of TTS application \"%1\"").arg(m_applicationId);
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<QList<TtsEndDevice>>(configured.error());
    auto state = std::make_shared<ListAllState>();
    state->options.fieldMask = fieldMask;
    state->options.limit = pageSize;
    state->options.order = order;
    if (const Result<QueryItems> query = listQuery(state->options, operation); !query)
        return Futures::readyResult<QList<TtsEndDevice>>(query.error());
    state->context = context(operation, {}, std::nullopt, TtsRights::required(TtsRights::Operation::ReadDevices));
    state->promise.start();
    QFuture<Result<QList<TtsEndDevice>>> future = state->promise.future();

    state->watcher = new QFutureWatcher<Result<QList<TtsEndDevice>>>(this);
    connect(state->watcher, &QFutureWatcherBase::canceled, this, [weak = std::weak_ptr<ListAllState>(state)] {
        const auto alive = weak.lock();
        if (!alive || alive->done)
            return;
        qCDebug(lcTtsRest) << "listing devices canceled after" << alive->devices.size() << "devices";
        alive->done = true;
        alive->inFlight.cancel();
        alive->promise.finish();
        alive->watcher->deleteLater();
    });
    state->watcher->setFuture(future);
    fetchNextPage(state);
    return future;
}

void TtsClient::fetchNextPage(const std::shared_ptr<ListAllState> &state)
{
    if (state->done)
        return;
    const Result<QueryItems> query = listQuery(state->options, state->context.operation);
    ++state->pages;
    qCDebug(lcTtsRest) << "listing devices, page" << state->options.page;
    state->inFlight = m_transport->send(
        makeRequest("GET", QStringLiteral("/applications/") + PercentEncoding::encode(m_applicationId) + QStringLiteral("/devices"),
                    query.value()));
    state->inFlight.then(this, [this, state](HttpResponse response) {
        if (state->done)
            return;
        if (!response.isHttpSuccess()) {
            state->finish(errorFrom(response, state->context));
            return;
        }
        Result<DevicePage> page = parsePage(response, state->options, state->context);
        if (!page) {
            state->finish(page.error());
            return;
        }
        const int received = int(page.value().devices.size());
        state->devices.append(page.value().devices);
        const int total = page.value().total;
        const int fetched = int(state->devices.size());
        state->promise.setProgressRange(0, std::max(total, fetched));
        state->promise.setProgressValue(fetched);
        // A short or empty page is the last one ("pages past the end return {}"); the cap guards against a
        // server that keeps answering full pages.
        const bool last = received < state->options.limit || (total >= 0 && fetched >= total) ||
            state->pages >= 100000 / std::max(1, state->options.limit) + 1;
        if (last) {
            qCDebug(lcTtsRest) << "listed" << fetched << "devices in" << state->pages << "pages";
            state->finish(state->devices);
            return;
        }
        ++state->options.page;
        fetchNextPage(state);
    });
}

QFuture<Result<TtsClient::DevicePage>> TtsClient::searchDevices(const SearchQuery &search)
{
    return searchDevices(search, ListOptions());
}

QFuture<Result<TtsClient::DevicePage>> TtsClient::searchDevices(const SearchQuery &search, const ListOptions &options)
{
    const QString operation = tr("search the devices of TTS application \"%1\"").arg(m_applicationId);
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<DevicePage>(configured.error());
    Result<QueryItems> listItems = listQuery(options, operation);
    if (!listItems)
        return Futures::readyResult<DevicePage>(listItems.error());

    QueryItems query;
    struct Criterion
    {
        const char *parameter;
        const QString &value;
        int maxLength;
        bool hex;
    };
    const Criterion criteria[] = {
        {"query", search.query, 50, false},
        {"id_contains", search.idContains, 50, false},
        {"name_contains", search.nameContains, 50, false},
        {"description_contains", search.descriptionContains, 50, false},
        {"dev_eui_contains", search.devEuiContains, 16, true},
        {"join_eui_contains", search.joinEuiContains, 16, true},
        {"dev_addr_contains", search.devAddrContains, 8, true},
    };
    static const QRegularExpression hexPattern(QStringLiteral("^[0-9A-Fa-f]*$"));
    for (const Criterion &criterion : criteria) {
        if (criterion.value.isEmpty())
            continue;
        if (criterion.value.size() > criterion.maxLength) {
            return Futures::readyResult<DevicePage>(
                invalidInput(tr("The search text for %1 is longer than %2 characters.")
                                 .arg(QLatin1String(criterion.parameter))
                                 .arg(criterion.maxLength),
                             operation));
        }
        if (criterion.hex && !hexPattern.match(criterion.value).hasMatch()) {
            return Futures::readyResult<DevicePage>(invalidInput(
                tr("The search text for %1 must be hexadecimal digits.").arg(QLatin1String(criterion.parameter)),
                operation));
        }
        query.append({QLatin1String(criterion.parameter), criterion.value});
    }
    if (search.attributesContain.size() > 10)
        return Futures::readyResult<DevicePage>(invalidInput(tr("Search at most 10 attributes at once."), operation));
    for (auto it = search.attributesContain.constBegin(); it != search.attributesContain.constEnd(); ++it) {
        if (!TtsEndDevice::isValidId(it.key()) || it.value().size() > 50) {
            return Futures::readyResult<DevicePage>(
                invalidInput(tr("The attribute search \"%1\" is not valid: attribute names are 3 to 36 lower-case "
                                "letters, digits and dashes, values at most 50 characters.")
                                 .arg(it.key().left(64)),
                             operation));
        }
        query.append({QStringLiteral("attributes_contain[%1]").arg(it.key()), it.value()});
    }
    query.append(listItems.value());

    const TtsError::Context errorContext =
        context(operation, {}, std::nullopt, TtsRights::required(TtsRights::Operation::ReadDevices));
    return call<DevicePage>(
        makeRequest("GET",
                    QStringLiteral("/search/applications/") + PercentEncoding::encode(m_applicationId) + QStringLiteral("/devices"),
                    query),
        errorContext, [this, options, errorContext](const HttpResponse &response) {
            return parsePage(response, options, errorContext);
        });
}

// ---- reading one device ---------------------------------------------------------------------------------

QFuture<Result<TtsEndDevice>> TtsClient::getDevice(const QString &deviceId, const QStringList &fieldMask)
{
    const QString operation = tr("read TTS device \"%1\"").arg(deviceId.left(64));
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<TtsEndDevice>(configured.error());
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<TtsEndDevice>(valid.error());
    const QStringList mask = fieldMask.isEmpty() ? identityServerFields() : fieldMask;
    return call<TtsEndDevice>(
        makeRequest("GET", devicePath(TtsComponent::IdentityServer, deviceId),
                    {{QStringLiteral("field_mask"), mask.join(QLatin1Char(','))}}),
        context(operation, deviceId, std::nullopt, TtsRights::required(TtsRights::Operation::ReadDevices)),
        [this, operation](const HttpResponse &response) -> Result<TtsEndDevice> {
            Result<TtsEndDevice> device = parseObject<TtsEndDevice>(response, operation);
            if (!device)
                return device;
            return device.value().withoutSecrets();
        });
}

QFuture<Result<TtsClient::MergedDevice>> TtsClient::getDeviceMerged(const QString &deviceId, bool withRootKeys)
{
    const QString operation = tr("read TTS device \"%1\"").arg(deviceId.left(64));
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<MergedDevice>(configured.error());
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<MergedDevice>(valid.error());

    auto state = std::make_shared<MergedState>();
    state->deviceId = deviceId;
    state->withRootKeys = withRootKeys;
    state->context =
        context(operation, deviceId, std::nullopt,
                TtsRights::required(withRootKeys ? TtsRights::Operation::ReadKeys : TtsRights::Operation::ReadDevices));
    state->promise.start();
    QFuture<Result<MergedDevice>> future = state->promise.future();

    QStringList joinServerFields = {QStringLiteral("network_server_address"),
                                    QStringLiteral("application_server_address")};
    if (withRootKeys)
        joinServerFields += {QStringLiteral("root_keys.app_key.key"), QStringLiteral("root_keys.nwk_key.key")};
    const QStringList masks[4] = {
        identityServerFields(),
        joinServerFields,
        {QStringLiteral("lorawan_version"), QStringLiteral("lorawan_phy_version"), QStringLiteral("frequency_plan_id"),
         QStringLiteral("supports_join"), QStringLiteral("supports_class_b"), QStringLiteral("supports_class_c")},
        {QStringLiteral("formatters")},
    };

    for (TtsComponent component : ttsAllComponents()) {
        const int index = int(component);
        QFuture<HttpResponse> request =
            m_transport->send(makeRequest("GET", devicePath(component, deviceId),
                                          {{QStringLiteral("field_mask"), masks[index].join(QLatin1Char(','))}}));
        state->inFlight.append(request);
        request.then(this, [this, state, component, index](HttpResponse response) {
            if (state->done)
                return;
            if (response.isHttpSuccess()) {
                Result<QJsonObject> object = jsonObject(response, state->context.operation);
                Result<TtsEndDevice> part =
                    object ? TtsEndDevice::fromJson(object.value()) : Result<TtsEndDevice>(object.error());
                if (part)
                    state->parts[index] = part.takeValue();
                else
                    state->errors[index] = part.error();
            } else if (response.status == 404) {
                state->notFound[index] = true;
            } else {
                TtsError::Context errorContext = state->context;
                errorContext.component = component;
                state->errors[index] = errorFrom(response, errorContext);
            }
            if (--state->pending == 0)
                finishMerged(state);
        });
    }

    state->watcher = new QFutureWatcher<Result<MergedDevice>>(this);
    connect(state->watcher, &QFutureWatcherBase::canceled, this, [weak = std::weak_ptr<MergedState>(state)] {
        const auto alive = weak.lock();
        if (!alive || alive->done)
            return;
        alive->done = true;
        for (QFuture<HttpResponse> &request : alive->inFlight)
            request.cancel();
        alive->promise.finish();
        alive->watcher->deleteLater();
    });
    state->watcher->setFuture(future);
    return future;
}

void TtsClient::finishMerged(const std::shared_ptr<MergedState> &state)
{
    state->done = true;
    if (state->watcher)
        state->watcher->deleteLater();
    auto resolve = [&state](Result<MergedDevice> result) { Futures::fulfil(state->promise, std::move(result)); };
    for (TtsComponent component : ttsAllComponents()) {
        if (state->errors[int(component)]) {
            ServiceError error = *state->errors[int(component)];
            error.setOperation(state->context.operation);
            resolve(error);
            return;
        }
    }
    MergedDevice merged;
    for (TtsComponent component : ttsAllComponents()) {
        const int index = int(component);
        if (state->parts[index]) {
            merged.foundIn.append(component);
            merged.device = merged.device.mergedWith(*state->parts[index]);
        } else if (state->notFound[index]) {
            merged.missingFrom.append(component);
        }
    }
    if (merged.foundIn.isEmpty()) {
        ServiceError error(ServiceError::Kind::NotFound,
                           tr("The device \"%1\" does not exist in application \"%2\": none of the Identity, Join, "
                              "Network and Application Servers has it. Check the device id, or create the device "
                              "first.")
                               .arg(state->deviceId, m_applicationId));
        error.setHttpStatus(404);
        error.setCode(QStringLiteral("TtsDeviceNotFound"));
        error.setOperation(state->context.operation);
        resolve(error);
        return;
    }
    if (!state->withRootKeys)
        merged.device = merged.device.withoutSecrets();
    qCDebug(lcTtsRest).noquote() << "device" << state->deviceId << "found in"
                                 << componentArray(merged.foundIn).toVariantList() << "missing from"
                                 << componentArray(merged.missingFrom).toVariantList();
    resolve(merged);
}

// ---- creating -------------------------------------------------------------------------------------------

QFuture<Result<TtsEndDevice>> TtsClient::createDevice(const TtsEndDevice &input, const ServerAddresses &addresses)
{
    const QString operation = tr("create TTS device \"%1\"").arg(input.deviceId.left(64));
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<TtsEndDevice>(configured.error());
    if (!input.applicationId.isEmpty() && input.applicationId != m_applicationId) {
        return Futures::readyResult<TtsEndDevice>(
            invalidInput(tr("The device belongs to application \"%1\", but this connection manages application \"%2\".")
                             .arg(input.applicationId.left(64), m_applicationId),
                         operation));
    }
    if (Status valid = input.validateForCreate(); !valid) {
        ServiceError error = valid.error();
        error.setOperation(operation);
        return Futures::readyResult<TtsEndDevice>(error);
    }

    TtsEndDevice device = input;
    device.applicationId = m_applicationId;
    device.devEui = device.devEui.toUpper();
    device.joinEui = device.joinEui.toUpper();
    device.supportsJoin = true;
    const QString fallback = defaultServerAddress();
    auto address = [&fallback](const QString &own, const QString &given) {
        return !own.isEmpty() ? own : !given.isEmpty() ? given : fallback;
    };
    device.networkServerAddress = address(device.networkServerAddress, addresses.networkServer);
    device.applicationServerAddress = address(device.applicationServerAddress, addresses.applicationServer);
    device.joinServerAddress = address(device.joinServerAddress, addresses.joinServer);

    auto state = std::make_shared<CreateState>();
    state->deviceId = device.deviceId;
    state->context =
        context(operation, device.deviceId, std::nullopt, TtsRights::required(TtsRights::Operation::WriteDevices));
    state->context.secrets += {device.rootKeys.appKey, device.rootKeys.nwkKey};

    // Bodies and masks as in the TTS OTAA guide (reference/tts-integration.md §4.2), plus the optional fields
    // the device has.
    const QStringList ids = {QStringLiteral("ids.device_id"), QStringLiteral("ids.dev_eui"),
                             QStringLiteral("ids.join_eui")};
    QStringList isPaths = {QStringLiteral("join_server_address"), QStringLiteral("network_server_address"),
                           QStringLiteral("application_server_address"), QStringLiteral("ids.dev_eui"),
                           QStringLiteral("ids.join_eui")};
    const QStringList optionalIsPaths = {QStringLiteral("name"), QStringLiteral("description"),
                                         QStringLiteral("attributes"), QStringLiteral("version_ids"),
                                         QStringLiteral("locations")};
    QStringList jsPaths = {QStringLiteral("network_server_address"), QStringLiteral("application_server_address")};
    jsPaths += ids;
    jsPaths.append(QStringLiteral("root_keys.app_key.key"));
    QStringList nsPaths = {QStringLiteral("supports_join"), QStringLiteral("lorawan_version")};
    nsPaths += ids;
    nsPaths += {QStringLiteral("lorawan_phy_version"), QStringLiteral("frequency_plan_id")};
    QStringList asPaths = ids;

    const QStringList present = device.fieldPaths();
    for (const QString &path : optionalIsPaths) {
        if (present.contains(path))
            isPaths.append(path);
    }
    if (present.contains(QStringLiteral("root_keys.nwk_key.key")))
        jsPaths.append(QStringLiteral("root_keys.nwk_key.key"));
    for (const QString &path :
         {QStringLiteral("supports_class_b"), QStringLiteral("supports_class_c"), QStringLiteral("version_ids")}) {
        if (present.contains(path))
            nsPaths.append(path);
    }
    for (const QString &path : {QStringLiteral("version_ids"), QStringLiteral("formatters")}) {
        if (present.contains(path))
            asPaths.append(path);
    }

    auto body = [&device](const QStringList &paths) {
        return QJsonObject {{QStringLiteral("end_device"), device.toJson(paths)},
                            {QStringLiteral("field_mask"), fieldMask(paths)}};
    };
    state->steps = {
        {TtsComponent::IdentityServer, "POST",
         QStringLiteral("/applications/") + PercentEncoding::encode(m_applicationId) + QStringLiteral("/devices"), body(isPaths)},
        {TtsComponent::JoinServer, "PUT", devicePath(TtsComponent::JoinServer, device.deviceId), body(jsPaths)},
        {TtsComponent::NetworkServer, "PUT", devicePath(TtsComponent::NetworkServer, device.deviceId), body(nsPaths)},
        {TtsComponent::ApplicationServer, "PUT", devicePath(TtsComponent::ApplicationServer, device.deviceId),
         body(asPaths)},
    };

    state->promise.start();
    QFuture<Result<TtsEndDevice>> future = state->promise.future();
    qCInfo(lcTtsRest).noquote() << "creating device" << device.deviceId << "in IS, JS, NS and AS";
    runCreateStep(state);
    return future;
}

void TtsClient::runCreateStep(const std::shared_ptr<CreateState> &state)
{
    if (state->promise.isCanceled() && !state->canceled) {
        qCInfo(lcTtsRest).noquote() << "creating device" << state->deviceId << "canceled; removing what was created";
        state->canceled = true;
        state->failure = ServiceError::canceled(state->context.operation);
        state->failedAt = state->index < state->steps.size() ? state->steps.at(state->index).component
                                                             : TtsComponent::ApplicationServer;
        for (auto it = state->created.crbegin(); it != state->created.crend(); ++it)
            state->rollback.append(*it);
        runRollbackStep(state);
        return;
    }
    if (state->index >= state->steps.size()) {
        qCInfo(lcTtsRest).noquote() << "created device" << state->deviceId << "in IS, JS, NS and AS";
        Futures::fulfil(state->promise, state->merged.withoutSecrets());
        return;
    }
    const CreateState::Step &step = state->steps.at(state->index);
    qCDebug(lcTtsRest).noquote() << "create" << state->deviceId << "step" << ttsComponentShortName(step.component);
    m_transport->send(makeRequest(step.method, step.path, {}, step.body))
        .then(this, [this, state](HttpResponse response) {
            if (!response.isHttpSuccess()) {
                createStepFailed(state, response);
                return;
            }
            const CreateState::Step &done = state->steps.at(state->index);
            state->created.append(done.component);
            // The answer echoes the stored record; merge what could be read (a registry's odd answer does
            // not undo a successful write).
            const Result<QJsonObject> object = jsonObject(response, state->context.operation);
            if (object) {
                if (const Result<TtsEndDevice> part = TtsEndDevice::fromJson(object.value()))
                    state->merged = state->merged.mergedWith(part.value());
            }
            ++state->index;
            runCreateStep(state);
        });
}

void TtsClient::createStepFailed(const std::shared_ptr<CreateState> &state, const HttpResponse &response)
{
    const TtsComponent component = state->steps.at(state->index).component;
    // The sentence built below names the registry, so the inner one does not. The IS POST goes to the
    // application's device collection: a 404 there means the application is missing.
    TtsError::Context errorContext = state->context;
    if (component == TtsComponent::IdentityServer)
        errorContext.deviceId.clear();
    state->failure = errorFrom(response, errorContext);
    state->failedAt = component;
    state->reached = response.hasHttpStatus();
    qCWarning(lcTtsRest).noquote() << "creating device" << state->deviceId << "failed at"
                                   << ttsComponentShortName(component) << state->failure.code();
    // A PUT that never got an answer may still have been applied: remove it too. Not the IS POST: its
    // unanswered request may have met a device that existed before, which must not be deleted.
    if (!state->reached && component != TtsComponent::IdentityServer)
        state->rollback.append(component);
    for (auto it = state->created.crbegin(); it != state->created.crend(); ++it)
        state->rollback.append(*it);
    runRollbackStep(state);
}

void TtsClient::runRollbackStep(const std::shared_ptr<CreateState> &state)
{
    if (state->rollbackIndex >= state->rollback.size()) {
        finishCreateFailure(state);
        return;
    }
    const TtsComponent component = state->rollback.at(state->rollbackIndex);
    qCDebug(lcTtsRest).noquote() << "rollback" << state->deviceId << "delete from" << ttsComponentShortName(component);
    m_transport->send(makeRequest("DELETE", devicePath(component, state->deviceId)))
        .then(this, [this, state, component](HttpResponse response) {
            if (response.isHttpSuccess() || response.status == 404) {
                state->rolledBack.append(component);
                ++state->rollbackIndex;
                runRollbackStep(state);
                return;
            }
            // Stop here: deleting the IS record while JS/NS/AS still hold the device would leave exactly the
            // "duplicate identifiers" trap TTS documents. What remains can be deleted later as a whole.
            TtsError::Context errorContext = state->context;
            errorContext.component = component;
            state->rollbackError = errorFrom(response, errorContext);
            state->remaining = state->rollback.mid(state->rollbackIndex);
            finishCreateFailure(state);
        });
}

void TtsClient::finishCreateFailure(const std::shared_ptr<CreateState> &state)
{
    const ServiceError &failure = state->failure;
    const QString component = ttsComponentName(state->failedAt);
    QString message;
    if (state->canceled)
        message = failure.message();
    else if (state->reached)
        message = tr("The %1 refused the device: %2").arg(component, failure.message());
    else
        message = tr("The %1 could not be reached: %2").arg(component, failure.message());

    const bool rolledBack = state->remaining.isEmpty();
    if (!state->rolledBack.isEmpty() && rolledBack) {
        message += QLatin1Char(' ') +
            tr("Nothing was left behind: the device was removed again from the %1.")
                .arg(ttsComponentNames(state->rolledBack));
    } else if (!rolledBack) {
        message += QLatin1Char(' ') +
            tr("Removing the parts already created failed too (%1), so the device remains in the %2. Delete the "
               "device (deleting is safe to repeat) before creating it again.")
                .arg(state->rollbackError.message(), ttsComponentNames(state->remaining));
    }
    if (!state->reached && state->failedAt == TtsComponent::IdentityServer) {
        message += QLatin1Char(' ') +
            tr("If the device now shows up in the TTS Console, the Identity Server created it before the "
               "connection failed; delete it there or from TwinBridge before trying again.");
    }

    ServiceError error(failure.kind(), message, failure.detail());
    error.setHttpStatus(failure.httpStatus());
    error.setCode(failure.code());
    error.setOperation(state->context.operation);
    error.setRetryAfter(failure.retryAfter());
    error.setPayload(QJsonObject {{QStringLiteral("failedComponent"), ttsComponentShortName(state->failedAt)},
                                  {QStringLiteral("rolledBack"), rolledBack},
                                  {QStringLiteral("rolledBackFrom"), componentArray(state->rolledBack)},
                                  {QStringLiteral("remainingIn"), componentArray(state->remaining)},
                                  {QStringLiteral("error"), failure.payload()}});
    if (rolledBack) {
        qCWarning(lcTtsRest).noquote() << "creating device" << state->deviceId << "failed at"
                                       << ttsComponentShortName(state->failedAt) << "; rolled back";
    } else {
        qCWarning(lcTtsRest).noquote() << "creating device" << state->deviceId << "failed at"
                                       << ttsComponentShortName(state->failedAt) << "; rollback failed, remains in"
                                       << componentArray(state->remaining).toVariantList();
    }
    Futures::fulfil(state->promise, error);
}

// ---- deleting -------------------------------------------------------------------------------------------

QFuture<Result<TtsClient::DeleteReport>> TtsClient::deleteDevice(const QString &deviceId)
{
    const QString operation = tr("delete TTS device \"%1\"").arg(deviceId.left(64));
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<DeleteReport>(configured.error());
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<DeleteReport>(valid.error());
    auto state = std::make_shared<DeleteState>();
    state->deviceId = deviceId;
    state->context =
        context(operation, deviceId, std::nullopt, TtsRights::required(TtsRights::Operation::WriteDevices));
    state->order = {TtsComponent::ApplicationServer, TtsComponent::NetworkServer, TtsComponent::JoinServer,
                    TtsComponent::IdentityServer};
    state->promise.start();
    QFuture<Result<DeleteReport>> future = state->promise.future();
    qCInfo(lcTtsRest).noquote() << "deleting device" << deviceId << "from AS, NS, JS and IS";
    runDeleteStep(state);
    return future;
}

void TtsClient::runDeleteStep(const std::shared_ptr<DeleteState> &state)
{
    if (state->index >= state->order.size()) {
        qCInfo(lcTtsRest).noquote() << "deleted device" << state->deviceId << "; it was already absent from"
                                    << componentArray(state->report.absentFrom).toVariantList();
        Futures::fulfil(state->promise, state->report);
        return;
    }
    const TtsComponent component = state->order.at(state->index);
    m_transport->send(makeRequest("DELETE", devicePath(component, state->deviceId)))
        .then(this, [this, state, component](HttpResponse response) {
            if (response.isHttpSuccess() || response.status == 404) {
                (response.status == 404 ? state->report.absentFrom : state->report.deletedFrom).append(component);
                ++state->index;
                runDeleteStep(state);
                return;
            }
            const ServiceError failure = errorFrom(response, state->context); // the sentence names the registry
            const QList<TtsComponent> remaining = state->order.mid(state->index);
            QList<TtsComponent> gone = state->report.deletedFrom + state->report.absentFrom;
            QString message = response.hasHttpStatus()
                ? tr("The %1 did not delete the device: %2").arg(ttsComponentName(component), failure.message())
                : tr("The %1 could not be reached: %2").arg(ttsComponentName(component), failure.message());
            if (!gone.isEmpty()) {
                message += QLatin1Char(' ') +
                    tr("It is already gone from the %1 but remains in the %2. Deleting again is safe.")
                        .arg(ttsComponentNames(gone), ttsComponentNames(remaining));
            } else {
                message += QLatin1Char(' ') + tr("Nothing was deleted. Deleting again is safe.");
            }
            ServiceError error(failure.kind(), message, failure.detail());
            error.setHttpStatus(failure.httpStatus());
            error.setCode(failure.code());
            error.setOperation(state->context.operation);
            error.setRetryAfter(failure.retryAfter());
            error.setPayload(QJsonObject {{QStringLiteral("failedComponent"), ttsComponentShortName(component)},
                                          {QStringLiteral("deletedFrom"), componentArray(state->report.deletedFrom)},
                                          {QStringLiteral("remainingIn"), componentArray(remaining)},
                                          {QStringLiteral("error"), failure.payload()}});
            qCWarning(lcTtsRest).noquote() << "deleting device" << state->deviceId << "failed at"
                                           << ttsComponentShortName(component) << failure.code();
            Futures::fulfil(state->promise, error);
        });
}

// ---- downlink queue -------------------------------------------------------------------------------------

QFuture<Status> TtsClient::pushDownlinks(const QString &deviceId, const QList<TtsDownlink> &downlinks)
{
    return queueDownlinks(deviceId, downlinks, false);
}

QFuture<Status> TtsClient::replaceDownlinks(const QString &deviceId, const QList<TtsDownlink> &downlinks)
{
    return queueDownlinks(deviceId, downlinks, true);
}

QFuture<Status> TtsClient::queueDownlinks(const QString &deviceId, const QList<TtsDownlink> &downlinks, bool replace)
{
    const QString operation = replace ? tr("replace the downlink queue of TTS device \"%1\"").arg(deviceId.left(64))
                                      : tr("schedule downlinks for TTS device \"%1\"").arg(deviceId.left(64));
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<Done>(configured.error());
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<Done>(valid.error());
    if (!replace && downlinks.isEmpty())
        return Futures::readyResult<Done>(invalidInput(tr("There is no downlink to schedule."), operation));
    for (qsizetype i = 0; i < downlinks.size(); ++i) {
        if (Status valid = downlinks.at(i).validate(); !valid) {
            ServiceError error = valid.error();
            error.setOperation(operation);
            return Futures::readyResult<Done>(error);
        }
    }
    const QString path = devicePath(TtsComponent::ApplicationServer, deviceId) +
        (replace ? QStringLiteral("/down/replace") : QStringLiteral("/down/push"));
    HttpRequest request = makeRequest("POST", path, {}, TtsDownlink::queueRequest(downlinks));
    // Pushing twice would queue twice, so a push is only resent after 429/503 (nothing was queued); a
    // replace leaves the same queue however often it runs.
    request.idempotent = replace;
    return call<Done>(std::move(request),
                      context(operation, deviceId, TtsComponent::ApplicationServer,
                              TtsRights::required(TtsRights::Operation::DownlinkWrite)),
                      [deviceId, count = downlinks.size(), replace](const HttpResponse &) -> Status {
                          qCDebug(lcTtsRest).noquote()
                              << (replace ? "replaced queue of" : "pushed") << count << "downlink(s) for" << deviceId;
                          return Done {};
                      });
}

QFuture<Result<QList<TtsDownlink>>> TtsClient::listDownlinkQueue(const QString &deviceId)
{
    const QString operation = tr("read the downlink queue of TTS device \"%1\"").arg(deviceId.left(64));
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<QList<TtsDownlink>>(configured.error());
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<QList<TtsDownlink>>(valid.error());
    return call<QList<TtsDownlink>>(
        makeRequest("GET", devicePath(TtsComponent::ApplicationServer, deviceId) + QStringLiteral("/down")),
        context(operation, deviceId, TtsComponent::ApplicationServer,
                TtsRights::required(TtsRights::Operation::TrafficRead)),
        [this, operation](const HttpResponse &response) -> Result<QList<TtsDownlink>> {
            const Result<QJsonObject> object = jsonObject(response, operation);
            if (!object)
                return object.error();
            Result<QList<TtsDownlink>> queue = TtsDownlink::fromQueue(object.value());
            if (!queue)
                return ServiceError::malformedResponse(operation, queue.error().message());
            return queue;
        });
}

// ---- MQTT -----------------------------------------------------------------------------------------------

QFuture<Result<TtsMqttConnectionInfo>> TtsClient::mqttConnectionInfo()
{
    const QString operation = tr("read the MQTT connection info of TTS application \"%1\"").arg(m_applicationId);
    if (Status configured = checkReady(operation); !configured)
        return Futures::readyResult<TtsMqttConnectionInfo>(configured.error());
    return call<TtsMqttConnectionInfo>(
        makeRequest("GET",
                    QStringLiteral("/as/applications/") + PercentEncoding::encode(m_applicationId) +
                        QStringLiteral("/mqtt-connection-info")),
        context(operation, {}, std::nullopt, TtsRights::required(TtsRights::Operation::ApplicationInfo)),
        [this, operation](const HttpResponse &response) {
            return parseObject<TtsMqttConnectionInfo>(response, operation);
        });
}

} // namespace TwinBridge
