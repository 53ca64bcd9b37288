#include "services/engine/UplinkTranslator.h"

#include "services/protocol/IotHubTopic.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace TwinBridge {

namespace {

const QString ReportedPath = QStringLiteral("properties.reported");

QString reportedPath(const char *property)
{
    return ReportedPath + QLatin1Char('.') + QLatin1String(property);
}

// IoT Hub's message id: at most 128 ASCII letters, digits and -:.+%_#*?!(),=@;$'
bool isValidMessageId(const QString &id)
{
    static const QLatin1String extra("-:.+%_#*?!(),=@;$'");
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool alnum = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

// The time of an event: TTS's received_at as sent, else `fallbackText`, else our receive time; null when
// there is none.
QJsonValue eventTime(const ApplicationUp &message, const QString &fallbackText, const QDateTime &receivedAt)
{
    if (!message.receivedAtText().isEmpty())
        return message.receivedAtText();
    if (!fallbackText.isEmpty())
        return fallbackText;
    if (receivedAt.isValid())
        return receivedAt.toUTC().toString(Qt::ISODateWithMs);
    return QJsonValue::Null;
}

// Every member always present, so that a merge replaces an older location of the same key completely.
QJsonObject locationJson(const ApplicationUp::Location &location)
{
    return {
        {QStringLiteral("latitude"), location.latitude},
        {QStringLiteral("longitude"), location.longitude},
        {QStringLiteral("altitude"), location.altitude},
        {QStringLiteral("accuracy"), location.accuracy},
        {QStringLiteral("source"),
         location.source.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(location.source)},
    };
}

void insertLocation(QJsonObject *locations, const QString &key, const ApplicationUp::Location &location,
                    QList<TwinValueSanitizer::Issue> *issues)
{
    const QString path = reportedPath(UplinkTranslator::LocationProperty) + QLatin1Char('.') + key;
    QString clean = TwinValueSanitizer::sanitizeKey(key);
    if (clean.isEmpty()) {
        issues->append({TwinValueSanitizer::Reason::KeyDropped, path});
        return;
    }
    if (clean != key)
        issues->append({TwinValueSanitizer::Reason::KeyRenamed, path});
    locations->insert(clean, locationJson(location));
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QString UplinkTranslator::Telemetry::messageId() const
{
    return properties.value(QString::fromLatin1(MessagePropertyBag::MessageId)).value_or(QString());
}

QString UplinkTranslator::Telemetry::topic() const
{
    return IotHubTopic::telemetry(deviceId, properties);
}

UplinkTranslator::UplinkTranslator()
    : UplinkTranslator(Options())
{ }

UplinkTranslator::UplinkTranslator(Options options)
    : m_options(std::move(options))
{ }

TtsMessageTypes UplinkTranslator::reportedMappedTypes()
{
    return allTtsMessageTypeFlags();
}

QString UplinkTranslator::messageId(const QByteArray &payload, const ApplicationUp &message)
{
    const QString type = ttsMessageTypeName(message.type());
    // Uplinks and joins: TTS's `as:up:<ULID>` names the upstream message itself, so a redelivery carries the
    // same one. Other events may share the as:up id of the uplink that caused them (two location/solved of
    // one uplink, a down/sent and a down/ack): they are named by their content.
    if (message.type() == TtsMessageType::Uplink || message.type() == TtsMessageType::JoinAccept) {
        for (const QString &correlationId : message.correlationIds()) {
            if (!correlationId.startsWith(QLatin1String("as:up:")))
                continue;
            const QString id = type + QLatin1Char(':') + correlationId;
            if (isValidMessageId(id))
                return id;
        }
    }
    const QByteArray hash = QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex().left(32);
    return type + QStringLiteral(":sha256:") + QString::fromLatin1(hash);
}

UplinkTranslator::Telemetry UplinkTranslator::telemetry(const QByteArray &payload, const ApplicationUp &message)
{
    Telemetry telemetry;
    telemetry.deviceId = message.deviceId();
    telemetry.body = payload;
    telemetry.properties.set(QString::fromLatin1(MessagePropertyBag::MessageId), messageId(payload, message));
    telemetry.properties.set(QString::fromLatin1(MessagePropertyBag::ContentType), QString::fromLatin1(ContentType));
    telemetry.properties.set(QString::fromLatin1(MessagePropertyBag::ContentEncoding),
                             QString::fromLatin1(ContentEncoding));
    telemetry.properties.set(QString::fromLatin1(MessageTypeProperty), ttsMessageTypeName(message.type()));
    if (message.type() == TtsMessageType::Uplink)
        telemetry.properties.set(QString::fromLatin1(FPortProperty), QString::number(message.uplink().fPort));
    return telemetry;
}

QJsonObject UplinkTranslator::replacementPatch(const QJsonObject &previous, const QJsonObject &next)
{
    QJsonObject patch = next;
    for (auto it = previous.begin(); it != previous.end(); ++it) {
        const auto found = next.constFind(it.key());
        if (found == next.constEnd()) {
            patch.insert(it.key(), QJsonValue::Null);
        } else if (it.value().isObject() && found.value().isObject()) {
            patch.insert(it.key(), replacementPatch(it.value().toObject(), found.value().toObject()));
        }
    }
    return patch;
}

QString UplinkTranslator::downlinkStatusName(TtsMessageType type)
{
    switch (type) {
    case TtsMessageType::DownlinkQueued:
        return QStringLiteral("queued");
    case TtsMessageType::DownlinkSent:
        return QStringLiteral("sent");
    case TtsMessageType::DownlinkAck:
        return QStringLiteral("ack");
    case TtsMessageType::DownlinkNack:
        return QStringLiteral("nack");
    case TtsMessageType::DownlinkFailed:
        return QStringLiteral("failed");
    case TtsMessageType::DownlinkQueueInvalidated:
        return QStringLiteral("invalidated");
    case TtsMessageType::Uplink:
    case TtsMessageType::JoinAccept:
    case TtsMessageType::LocationSolved:
    case TtsMessageType::ServiceData:
        break;
    }
    return {};
}

QJsonObject UplinkTranslator::downlinkStatus(const ApplicationUp &message, const QDateTime &receivedAt)
{
    TtsDownlink downlink;
    QJsonValue error = QJsonValue::Null;
    QJsonValue invalidatedCount = QJsonValue::Null;
    switch (message.type()) {
    case TtsMessageType::DownlinkFailed: {
        const ApplicationUp::DownlinkFailed &failed = message.downlinkFailed();
        downlink = failed.downlink;
        error = QJsonObject {
            {QStringLiteral("namespace"), orNull(failed.error.ns)},
            {QStringLiteral("name"), orNull(failed.error.name)},
            {QStringLiteral("message"), orNull(failed.error.messageFormat)},
            {QStringLiteral("code"), failed.error.code},
            {QStringLiteral("correlationId"), orNull(failed.error.correlationId)},
        };
        break;
    }
    case TtsMessageType::DownlinkQueueInvalidated: {
        const ApplicationUp::DownlinkQueueInvalidated &invalidated = message.downlinkQueueInvalidated();
        if (!invalidated.downlinks.isEmpty())
            downlink = invalidated.downlinks.first();
        invalidatedCount = int(invalidated.downlinks.size());
        break;
    }
    default:
        downlink = message.downlink();
        break;
    }
    QJsonValue correlationIds = QJsonValue::Null;
    if (!downlink.correlationIds.isEmpty())
        correlationIds = QJsonArray::fromStringList(downlink.correlationIds);
    return {
        {QStringLiteral("status"), downlinkStatusName(message.type())},
        {QStringLiteral("time"), eventTime(message, QString(), receivedAt)},
        {QStringLiteral("fPort"), downlink.fPort > 0 ? QJsonValue(downlink.fPort) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("fCnt"), downlink.fCnt >= 0 ? QJsonValue(downlink.fCnt) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("framePayload"),
         downlink.frmPayload.isEmpty() ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(QString::fromLatin1(downlink.frmPayload.toHex().toUpper()))},
        {QStringLiteral("confirmed"), downlink.confirmed},
        {QStringLiteral("priority"), orNull(downlink.priority)},
        {QStringLiteral("correlationIds"), correlationIds},
        {QStringLiteral("error"), error},
        {QStringLiteral("invalidatedCount"), invalidatedCount},
    };
}

QJsonObject UplinkTranslator::reportedPatch(const ApplicationUp &message,
                                            const std::optional<QJsonObject> &previousDecodedPayload,
                                            const QDateTime &receivedAt, QList<TwinValueSanitizer::Issue> *issues,
                                            std::optional<QJsonObject> *newDecodedPayload)
{
    QList<TwinValueSanitizer::Issue> ownIssues;
    if (!issues)
        issues = &ownIssues;
    QJsonObject patch;
    switch (message.type()) {
    case TtsMessageType::Uplink: {
        const ApplicationUp::Uplink &uplink = message.uplink();
        if (uplink.decodedPayload) {
            const std::optional<QJsonObject> decoded =
                TwinValueSanitizer::sanitize(*uplink.decodedPayload, reportedPath(DecodedPayloadProperty), 1, issues);
            if (decoded) {
                patch.insert(QLatin1String(DecodedPayloadProperty),
                             previousDecodedPayload ? replacementPatch(*previousDecodedPayload, *decoded) : *decoded);
                if (newDecodedPayload)
                    *newDecodedPayload = decoded;
            }
        }
        patch.insert(QLatin1String(LastSeenAtProperty), eventTime(message, uplink.receivedAtText, receivedAt));
        if (!uplink.locations.isEmpty()) {
            QJsonObject locations;
            for (auto it = uplink.locations.begin(); it != uplink.locations.end(); ++it)
                insertLocation(&locations, it.key(), it.value(), issues);
            if (!locations.isEmpty())
                patch.insert(QLatin1String(LocationProperty), locations);
        }
        break;
    }
    case TtsMessageType::JoinAccept:
        patch.insert(QLatin1String(JoinedAtProperty),
                     eventTime(message, message.joinAccept().receivedAtText, receivedAt));
        break;
    case TtsMessageType::LocationSolved: {
        QJsonObject locations;
        insertLocation(&locations, message.locationSolved().service, message.locationSolved().location, issues);
        if (!locations.isEmpty())
            patch.insert(QLatin1String(LocationProperty), locations);
        break;
    }
    case TtsMessageType::ServiceData: {
        const ApplicationUp::ServiceData &serviceData = message.serviceData();
        const QString path = reportedPath(ServiceDataProperty) + QLatin1Char('.') + serviceData.service;
        const QString service = TwinValueSanitizer::sanitizeKey(serviceData.service);
        if (service.isEmpty()) {
            issues->append({TwinValueSanitizer::Reason::KeyDropped, path});
            break;
        }
        if (service != serviceData.service)
            issues->append({TwinValueSanitizer::Reason::KeyRenamed, path});
        const std::optional<QJsonObject> data = TwinValueSanitizer::sanitize(serviceData.data, path, 2, issues);
        if (data)
            patch.insert(QLatin1String(ServiceDataProperty), QJsonObject {{service, *data}});
        break;
    }
    case TtsMessageType::DownlinkQueued:
    case TtsMessageType::DownlinkSent:
    case TtsMessageType::DownlinkAck:
    case TtsMessageType::DownlinkNack:
    case TtsMessageType::DownlinkFailed:
    case TtsMessageType::DownlinkQueueInvalidated:
        patch.insert(QLatin1String(DownlinkProperty), downlinkStatus(message, receivedAt));
        break;
    }
    return patch;
}

UplinkTranslator::Translation
UplinkTranslator::translateMessage(const QByteArray &payload, const ApplicationUp &message,
                                   const std::optional<QJsonObject> &previousDecodedPayload,
                                   const QDateTime &receivedAt) const
{
    Translation translation;
    translation.deviceId = message.deviceId();
    translation.type = message.type();
    if (m_options.telemetry.accepts(message.type())) {
        Telemetry telemetry = UplinkTranslator::telemetry(payload, message);
        if (payload.size() + telemetry.properties.toString().toUtf8().size() > MaxTelemetryBytes)
            translation.skipped = Skipped::TelemetryTooLarge;
        else
            translation.telemetry = std::move(telemetry);
    }
    if (m_options.reported.accepts(message.type())) {
        QJsonObject patch = reportedPatch(message, previousDecodedPayload, receivedAt, &translation.issues,
                                          &translation.decodedPayload);
        if (!patch.isEmpty())
            translation.reportedPatch = std::move(patch);
    }
    return translation;
}

} // namespace TwinBridge
