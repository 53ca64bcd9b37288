#include "services/protocol/IotHubTopic.h"

#include "services/protocol/IotHubNames.h"
#include "services/protocol/PercentEncoding.h"

namespace TwinBridge {

namespace {

const QLatin1String DevicesPrefix("devices/");
const QLatin1String TwinPrefix("$iothub/twin/");
const QLatin1String MethodsPrefix("$iothub/methods/");
const QLatin1String EventsPath("messages/events");
const QLatin1String DeviceboundPath("messages/devicebound");
const QLatin1String EventsPathSlash("messages/events/");
const QLatin1String DeviceboundPathSlash("messages/devicebound/");

ServiceError malformed(QStringView topic, const QString &why)
{
    return ServiceError::invalidInput(
        IotHubTopic::tr("The MQTT topic \"%1\" is not one IoT Hub accepts: %2").arg(topic.left(120).toString(), why),
        QStringLiteral("InvalidTopic"));
}

// The query of a twin or method topic: `$rid` and `$version` keep their literal '$' like the SDKs send them.
QString encodeQuery(const MessagePropertyBag &query)
{
    QString result;
    for (const MessagePropertyBag::Property &property : query.properties()) {
        result.append(result.isEmpty() ? QLatin1Char('?') : QLatin1Char('&'));
        if (property.name == QLatin1String(IotHubTopic::RequestIdKey) ||
            property.name == QLatin1String(IotHubTopic::VersionKey))
            result.append(property.name);
        else
            result.append(PercentEncoding::encode(property.name));
        if (property.value) {
            result.append(QLatin1Char('='));
            result.append(PercentEncoding::encode(*property.value));
        }
    }
    return result;
}

MessagePropertyBag requestQuery(const QString &requestId, std::optional<qint64> version = {})
{
    MessagePropertyBag query;
    query.set(QLatin1String(IotHubTopic::RequestIdKey), requestId);
    if (version)
        query.set(QLatin1String(IotHubTopic::VersionKey), QString::number(*version));
    return query;
}

// Whole non-negative decimal number without sign or spaces.
std::optional<qint64> parseVersion(const std::optional<QString> &text)
{
    if (!text || text->isEmpty() || text->size() > 18)
        return std::nullopt;
    for (const QChar c : *text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    return text->toLongLong();
}

std::optional<int> parseStatus(QStringView text)
{
    if (text.size() != 3)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    const int status = text.toInt();
    if (status < 100 || status > 599)
        return std::nullopt;
    return status;
}

} // namespace

QString IotHubTopic::telemetry(const QString &deviceId, const MessagePropertyBag &properties, const QString &moduleId)
{
    QString topic = DevicesPrefix + deviceId + QLatin1Char('/');
    if (!moduleId.isEmpty())
        topic += QStringLiteral("modules/") + moduleId + QLatin1Char('/');
    return topic + EventsPath + QLatin1Char('/') + properties.toString();
}

QString IotHubTopic::cloudToDevice(const QString &deviceId, const MessagePropertyBag &properties)
{
    return DevicesPrefix + deviceId + QLatin1Char('/') + DeviceboundPath + QLatin1Char('/') + properties.toString();
}

QString IotHubTopic::twinGet(const QString &requestId)
{
    return TwinPrefix + QStringLiteral("GET/") + encodeQuery(requestQuery(requestId));
}

QString IotHubTopic::twinReportedPatch(const QString &requestId)
{
    return TwinPrefix + QStringLiteral("PATCH/properties/reported/") + encodeQuery(requestQuery(requestId));
}

QString IotHubTopic::twinResponse(int status, const QString &requestId, std::optional<qint64> version)
{
    return TwinPrefix + QStringLiteral("res/") + QString::number(status) + QLatin1Char('/') +
        encodeQuery(requestQuery(requestId, version));
}

QString IotHubTopic::twinDesiredPatch(qint64 version)
{
    MessagePropertyBag query;
    query.set(QLatin1String(VersionKey), QString::number(version));
    return TwinPrefix + QStringLiteral("PATCH/properties/desired/") + encodeQuery(query);
}

QString IotHubTopic::methodRequest(const QString &methodName, const QString &requestId)
{
    return MethodsPrefix + QStringLiteral("POST/") + methodName + QLatin1Char('/') +
        encodeQuery(requestQuery(requestId));
}

QString IotHubTopic::methodResponse(int status, const QString &requestId)
{
    return MethodsPrefix + QStringLiteral("res/") + QString::number(status) + QLatin1Char('/') +
        encodeQuery(requestQuery(requestId));
}

Result<IotHubTopic> IotHubTopic::parse(QStringView topic)
{
    if (topic.isEmpty())
        return malformed(topic, tr("it is empty."));

    IotHubTopic result;
    if (topic.startsWith(DevicesPrefix)) {
        QStringView rest = topic.mid(DevicesPrefix.size());
        qsizetype slash = rest.indexOf(QLatin1Char('/'));
        if (slash < 0)
            return malformed(topic,
                             tr("the device id must be followed by /messages/events/ or /messages/devicebound/."));
        result.m_deviceId = rest.left(slash).toString();
        const Status deviceOk = IotHubNames::checkDeviceId(result.m_deviceId, tr("device id"));
        if (!deviceOk)
            return malformed(topic, deviceOk.error().message());
        rest = rest.mid(slash + 1);
        if (rest.startsWith(QLatin1String("modules/"))) {
            rest = rest.mid(8);
            slash = rest.indexOf(QLatin1Char('/'));
            if (slash < 0)
                return malformed(topic, tr("the module id must be followed by /messages/events/."));
            result.m_moduleId = rest.left(slash).toString();
            const Status moduleOk = IotHubNames::checkDeviceId(result.m_moduleId, tr("module id"));
            if (!moduleOk)
                return malformed(topic, moduleOk.error().message());
            rest = rest.mid(slash + 1);
        }
        QStringView bag;
        if (rest == EventsPath || rest.startsWith(EventsPathSlash)) {
            result.m_kind = Kind::Telemetry;
            bag = rest.mid(EventsPath.size());
        } else if (result.m_moduleId.isEmpty() && (rest == DeviceboundPath || rest.startsWith(DeviceboundPathSlash))) {
            result.m_kind = Kind::CloudToDevice;
            bag = rest.mid(DeviceboundPath.size());
        } else {
            return malformed(topic,
                             result.m_moduleId.isEmpty()
                                 ? tr("after devices/{id}/ only messages/events/ (telemetry) or "
                                      "messages/devicebound/ (cloud-to-device) may follow.")
                                 : tr("after devices/{id}/modules/{module}/ only messages/events/ may follow."));
        }
        if (bag.startsWith(QLatin1Char('/')))
            bag = bag.mid(1);
        auto properties = MessagePropertyBag::parse(bag);
        if (!properties)
            return malformed(topic, properties.error().message());
        result.m_properties = properties.takeValue();
        return result;
    }

    const bool twin = topic.startsWith(TwinPrefix);
    if (!twin && !topic.startsWith(MethodsPrefix)) {
        return malformed(topic, tr("it must start with devices/{id}/messages/, $iothub/twin/ or $iothub/methods/."));
    }
    QStringView rest = topic.mid(twin ? TwinPrefix.size() : MethodsPrefix.size());
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    if (question < 0)
        return malformed(topic, tr("the query with the request id (?$rid=…) or version (?$version=…) is missing."));
    QStringView path = rest.left(question);
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    auto query = MessagePropertyBag::parse(rest.mid(question + 1));
    if (!query)
        return malformed(topic, query.error().message());
    result.m_properties = query.takeValue();
    const std::optional<QString> requestId = result.m_properties.value(QLatin1String(RequestIdKey));
    result.m_requestId = requestId.value_or(QString());
    const bool hasVersion = result.m_properties.contains(QLatin1String(VersionKey));
    if (hasVersion) {
        result.m_version = parseVersion(result.m_properties.value(QLatin1String(VersionKey)));
        if (!result.m_version)
            return malformed(topic, tr("$version must be a whole number."));
    }

    bool needsRequestId = true;
    if (twin) {
        if (path == QLatin1String("GET")) {
            result.m_kind = Kind::TwinGet;
        } else if (path == QLatin1String("PATCH/properties/reported")) {
            result.m_kind = Kind::TwinReportedPatch;
        } else if (path == QLatin1String("PATCH/properties/desired")) {
            result.m_kind = Kind::TwinDesiredPatch;
            needsRequestId = false;
            if (!hasVersion)
                return malformed(topic, tr("a desired-property update needs ?$version=."));
        } else if (path.startsWith(QLatin1String("res/"))) {
            const std::optional<int> status = parseStatus(path.mid(4));
            if (!status)
                return malformed(topic, tr("the status after res/ must be a three-digit HTTP status."));
            result.m_kind = Kind::TwinResponse;
            result.m_status = *status;
        } else {
            return malformed(topic,
                             tr("after $iothub/twin/ only GET/, PATCH/properties/reported/, "
                                "PATCH/properties/desired/ or res/{status}/ may follow."));
        }
    } else {
        if (path.startsWith(QLatin1String("POST/"))) {
            const QStringView method = path.mid(5);
            if (method.isEmpty() || method.contains(QLatin1Char('/')))
                return malformed(topic, tr("the method name after POST/ must be one non-empty path segment."));
            result.m_kind = Kind::MethodRequest;
            result.m_methodName = method.toString();
        } else if (path.startsWith(QLatin1String("res/"))) {
            const std::optional<int> status = parseStatus(path.mid(4));
            if (!status)
                return malformed(topic, tr("the status after res/ must be a three-digit HTTP status."));
            result.m_kind = Kind::MethodResponse;
            result.m_status = *status;
        } else {
            return malformed(topic, tr("after $iothub/methods/ only POST/{method}/ or res/{status}/ may follow."));
        }
    }
    if (needsRequestId && result.m_requestId.isEmpty())
        return malformed(topic, tr("the request id ($rid) is missing or empty."));
    return result;
}

QString IotHubTopic::toString() const
{
    switch (m_kind) {
    case Kind::Telemetry:
        return telemetry(m_deviceId, m_properties, m_moduleId);
    case Kind::CloudToDevice:
        return cloudToDevice(m_deviceId, m_properties);
    case Kind::TwinGet:
        return TwinPrefix + QStringLiteral("GET/") + encodeQuery(m_properties);
    case Kind::TwinReportedPatch:
        return TwinPrefix + QStringLiteral("PATCH/properties/reported/") + encodeQuery(m_properties);
    case Kind::TwinResponse:
        return TwinPrefix + QStringLiteral("res/") + QString::number(m_status) + QLatin1Char('/') +
            encodeQuery(m_properties);
    case Kind::TwinDesiredPatch:
        return TwinPrefix + QStringLiteral("PATCH/properties/desired/") + encodeQuery(m_properties);
    case Kind::MethodRequest:
        return MethodsPrefix + QStringLiteral("POST/") + m_methodName + QLatin1Char('/') + encodeQuery(m_properties);
    case Kind::MethodResponse:
        return MethodsPrefix + QStringLiteral("res/") + QString::number(m_status) + QLatin1Char('/') +
            encodeQuery(m_properties);
    }
    return {};
}

QString IotHubTopic::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Telemetry:
        return QStringLiteral("telemetry");
    case Kind::CloudToDevice:
        return QStringLiteral("cloudToDevice");
    case Kind::TwinGet:
        return QStringLiteral("twinGet");
    case Kind::TwinReportedPatch:
        return QStringLiteral("twinReportedPatch");
    case Kind::TwinResponse:
        return QStringLiteral("twinResponse");
    case Kind::TwinDesiredPatch:
        return QStringLiteral("twinDesiredPatch");
    case Kind::MethodRequest:
        return QStringLiteral("methodRequest");
    case Kind::MethodResponse:
        return QStringLiteral("methodResponse");
    }
    return {};
}

} // namespace TwinBridge
