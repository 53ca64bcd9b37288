#include "services/protocol/ApplicationUp.h"

#include "services/protocol/JsonFieldReader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace TwinBridge {

namespace {

const QString ErrorCode = QStringLiteral("InvalidApplicationUp");
const JsonFieldReader::Options ReaderOptions {.errorCode = ErrorCode,
                                              .integers = JsonFieldReader::Integers::NumbersOrDecimalStrings};

ServiceError invalid(const QString &path, const QString &sentence)
{
    return JsonFieldReader::makeError(path, sentence, ErrorCode);
}

// Re-tags an error of a nested reader (e.g. TtsDownlink's) with this parser's code; message and path stay.
ServiceError retagged(ServiceError error)
{
    error.setCode(ErrorCode);
    return error;
}

ApplicationUp::Location readLocation(JsonFieldReader &reader)
{
    ApplicationUp::Location location;
    location.latitude = reader.number(QStringLiteral("latitude"));
    location.longitude = reader.number(QStringLiteral("longitude"));
    location.altitude = reader.number(QStringLiteral("altitude"));
    location.accuracy = reader.number(QStringLiteral("accuracy"));
    location.source = reader.string(QStringLiteral("source"));
    return location;
}

Result<ApplicationUp::Location> readLocation(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(object, ReaderOptions, path);
    ApplicationUp::Location location = readLocation(reader);
    if (!reader.ok())
        return reader.error();
    return location;
}

Result<ApplicationUp::Uplink> readUplink(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(object, ReaderOptions, path);
    ApplicationUp::Uplink uplink;
    uplink.fPort = int(reader.integer(QStringLiteral("f_port"), 0, 255));
    uplink.fCnt = reader.integer(QStringLiteral("f_cnt"), 0, 0xffffffffLL);
    uplink.frmPayload = reader.base64(QStringLiteral("frm_payload"));
    uplink.decodedPayload = reader.optionalObject(QStringLiteral("decoded_payload"));
    uplink.rxMetadata = reader.array(QStringLiteral("rx_metadata"));
    uplink.settings = reader.object(QStringLiteral("settings"));
    uplink.receivedAt = reader.timestamp(QStringLiteral("received_at"), &uplink.receivedAtText);
    const QJsonObject locations = reader.object(QStringLiteral("locations"));
    uplink.versionIds = reader.object(QStringLiteral("version_ids"));
    uplink.sessionKeyId = reader.string(QStringLiteral("session_key_id"));
    uplink.confirmed = reader.boolean(QStringLiteral("confirmed"));
    uplink.consumedAirtime = reader.string(QStringLiteral("consumed_airtime"));
    if (!reader.ok())
        return reader.error();
    for (qsizetype i = 0; i < uplink.rxMetadata.size(); ++i) {
        if (!uplink.rxMetadata.at(i).isObject())
            return invalid(reader.memberPath(QStringLiteral("rx_metadata[%1]").arg(i)),
                           ApplicationUp::tr("must be a JSON object."));
    }
    for (auto it = locations.begin(); it != locations.end(); ++it) {
        const QString locationPath = reader.memberPath(QStringLiteral("locations.") + it.key());
        if (!it.value().isObject())
            return invalid(locationPath, ApplicationUp::tr("must be a JSON object."));
        auto location = readLocation(it.value().toObject(), locationPath);
        if (!location)
            return location.error();
        uplink.locations.insert(it.key(), location.takeValue());
    }
    return uplink;
}

Result<ApplicationUp::JoinAccept> readJoinAccept(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(object, ReaderOptions, path);
    ApplicationUp::JoinAccept join;
    join.sessionKeyId = reader.string(QStringLiteral("session_key_id"));
    join.receivedAt = reader.timestamp(QStringLiteral("received_at"), &join.receivedAtText);
    join.invalidatedDownlinks = reader.array(QStringLiteral("invalidated_downlinks"));
    join.pendingSession = reader.boolean(QStringLiteral("pending_session"));
    if (!reader.ok())
        return reader.error();
    return join;
}

Result<TtsDownlink> readDownlink(const QJsonObject &object, const QString &path)
{
    auto downlink = TtsDownlink::fromJson(object, path);
    if (!downlink)
        return retagged(downlink.error());
    return downlink;
}

Result<ApplicationUp::DownlinkFailed> readDownlinkFailed(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(object, ReaderOptions, path);
    ApplicationUp::DownlinkFailed failed;
    const QJsonObject downlink = reader.object(QStringLiteral("downlink"));
    const QJsonObject error = reader.object(QStringLiteral("error"));
    if (!reader.ok())
        return reader.error();
    auto parsed = readDownlink(downlink, reader.memberPath(QStringLiteral("downlink")));
    if (!parsed)
        return parsed.error();
    failed.downlink = parsed.takeValue();

    JsonFieldReader errorReader(error, ReaderOptions, reader.memberPath(QStringLiteral("error")));
    failed.error.ns = errorReader.string(QStringLiteral("namespace"));
    failed.error.name = errorReader.string(QStringLiteral("name"));
    failed.error.messageFormat = errorReader.string(QStringLiteral("message_format"));
    failed.error.correlationId = errorReader.string(QStringLiteral("correlation_id"));
    failed.error.code = int(errorReader.integer(QStringLiteral("code"), 0, 0x7fffffff));
    failed.error.attributes = errorReader.object(QStringLiteral("attributes"));
    if (!errorReader.ok())
        return errorReader.error();
    return failed;
}

Result<ApplicationUp::DownlinkQueueInvalidated> readQueueInvalidated(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(object, ReaderOptions, path);
    ApplicationUp::DownlinkQueueInvalidated invalidated;
    const QJsonArray downlinks = reader.array(QStringLiteral("downlinks"));
    invalidated.lastFCntDown = reader.integer(QStringLiteral("last_f_cnt_down"), 0, 0xffffffffLL);
    invalidated.sessionKeyId = reader.string(QStringLiteral("session_key_id"));
    if (!reader.ok())
        return reader.error();
    for (qsizetype i = 0; i < downlinks.size(); ++i) {
        const QString itemPath = reader.memberPath(QStringLiteral("downlinks[%1]").arg(i));
        if (!downlinks.at(i).isObject())
            return invalid(itemPath, ApplicationUp::tr("must be a JSON object."));
        auto downlink = readDownlink(downlinks.at(i).toObject(), itemPath);
        if (!downlink)
            return downlink.error();
        invalidated.downlinks.append(downlink.takeValue());
    }
    return invalidated;
}

Result<ApplicationUp::LocationSolved> readLocationSolved(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(object, ReaderOptions, path);
    ApplicationUp::LocationSolved solved;
    solved.service = reader.string(QStringLiteral("service"));
    const QJsonObject location = reader.object(QStringLiteral("location"));
    solved.attributes = reader.object(QStringLiteral("attributes"));
    if (!reader.ok())
        return reader.error();
    auto parsed = readLocation(location, reader.memberPath(QStringLiteral("location")));
    if (!parsed)
        return parsed.error();
    solved.location = parsed.takeValue();
    return solved;
}

Result<ApplicationUp::ServiceData> readServiceData(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(object, ReaderOptions, path);
    ApplicationUp::ServiceData data;
    data.service = reader.string(QStringLiteral("service"));
    data.data = reader.object(QStringLiteral("data"));
    if (!reader.ok())
        return reader.error();
    return data;
}

} // namespace

QJsonObject ApplicationUp::Location::toJson() const
{
    QJsonObject object {{QStringLiteral("latitude"), latitude}, {QStringLiteral("longitude"), longitude}};
    if (altitude != 0)
        object.insert(QStringLiteral("altitude"), altitude);
    if (accuracy != 0)
        object.insert(QStringLiteral("accuracy"), accuracy);
    if (!source.isEmpty())
        object.insert(QStringLiteral("source"), source);
    return object;
}

Result<ApplicationUp> ApplicationUp::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return ServiceError::invalidInput(tr("The message from The Things Stack is not JSON: %1 at byte %2.")
                                              .arg(parseError.errorString())
                                              .arg(parseError.offset),
                                          ErrorCode);
    }
    if (!document.isObject()) {
        return ServiceError::invalidInput(
            tr("The message from The Things Stack is not a JSON object, so it is not an ApplicationUp message."),
            ErrorCode);
    }
    return fromJson(document.object());
}

Result<ApplicationUp> ApplicationUp::fromJson(const QJsonObject &object)
{
    ApplicationUp up;
    up.m_raw = object;

    JsonFieldReader reader(object, ReaderOptions);
    const QJsonObject idsObject = reader.object(QStringLiteral("end_device_ids"));
    up.m_correlationIds = reader.strings(QStringLiteral("correlation_ids"));
    up.m_receivedAt = reader.timestamp(QStringLiteral("received_at"), &up.m_receivedAtText);
    up.m_simulated = reader.boolean(QStringLiteral("simulated"));
    if (!reader.ok())
        return reader.error();

    JsonFieldReader ids(idsObject, ReaderOptions, QStringLiteral("end_device_ids"));
    up.m_ids.deviceId = ids.string(QStringLiteral("device_id"));
    const QJsonObject applicationIds = ids.object(QStringLiteral("application_ids"));
    up.m_ids.devEui = ids.hex(QStringLiteral("dev_eui"), 16);
    up.m_ids.joinEui = ids.hex(QStringLiteral("join_eui"), 16);
    up.m_ids.devAddr = ids.hex(QStringLiteral("dev_addr"), 8);
    if (!ids.ok())
        return ids.error();
    if (up.m_ids.deviceId.isEmpty()) {
        return invalid(QStringLiteral("end_device_ids.device_id"),
                       tr("is missing: every ApplicationUp message names its end device."));
    }
    JsonFieldReader application(applicationIds, ReaderOptions, QStringLiteral("end_device_ids.application_ids"));
    up.m_ids.applicationId = application.string(QStringLiteral("application_id"));
    if (!application.ok())
        return application.error();

    // Exactly one message member (uplink_normalized is known but not forwarded).
    const QString normalized = QStringLiteral("uplink_normalized");
    QStringList present;
    for (const TtsMessageType type : allTtsMessageTypes()) {
        if (reader.has(ttsMessageTypeJsonField(type)))
            present.append(ttsMessageTypeJsonField(type));
    }
    if (reader.has(normalized))
        present.append(normalized);
    if (present.isEmpty()) {
        QStringList expected;
        for (const TtsMessageType type : allTtsMessageTypes())
            expected.append(ttsMessageTypeJsonField(type));
        return ServiceError::invalidInput(tr("The ApplicationUp message carries no message: expected one of %1.")
                                              .arg(expected.join(QStringLiteral(", "))),
                                          ErrorCode);
    }
    if (present.size() > 1) {
        return ServiceError::invalidInput(
            tr("The ApplicationUp message carries several messages (%1); TTS sends exactly one.")
                .arg(present.join(QStringLiteral(", "))),
            ErrorCode);
    }
    const QString field = present.first();
    if (field == normalized) {
        return invalid(normalized, tr("normalized uplinks are not forwarded; subscribe to the …/up topic instead."));
    }
    const QJsonObject message = reader.object(field);
    if (!reader.ok())
        return reader.error();
    up.m_type = *ttsMessageTypeFromJsonField(field);

    switch (up.m_type) {
    case TtsMessageType::Uplink: {
        auto uplink = readUplink(message, field);
        if (!uplink)
            return uplink.error();
        up.m_uplink = uplink.takeValue();
        break;
    }
    case TtsMessageType::JoinAccept: {
        auto join = readJoinAccept(message, field);
        if (!join)
            return join.error();
        up.m_joinAccept = join.takeValue();
        break;
    }
    case TtsMessageType::DownlinkAck:
    case TtsMessageType::DownlinkNack:
    case TtsMessageType::DownlinkSent:
    case TtsMessageType::DownlinkQueued: {
        auto downlink = readDownlink(message, field);
        if (!downlink)
            return downlink.error();
        up.m_downlink = downlink.takeValue();
        break;
    }
    case TtsMessageType::DownlinkFailed: {
        auto failed = readDownlinkFailed(message, field);
        if (!failed)
            return failed.error();
        up.m_downlinkFailed = failed.takeValue();
        break;
    }
    case TtsMessageType::DownlinkQueueInvalidated: {
        auto invalidated = readQueueInvalidated(message, field);
        if (!invalidated)
            return invalidated.error();
        up.m_downlinkQueueInvalidated = invalidated.takeValue();
        break;
    }
    case TtsMessageType::LocationSolved: {
        auto solved = readLocationSolved(message, field);
        if (!solved)
            return solved.error();
        up.m_locationSolved = solved.takeValue();
        break;
    }
    case TtsMessageType::ServiceData: {
        auto data = readServiceData(message, field);
        if (!data)
            return data.error();
        up.m_serviceData = data.takeValue();
        break;
    }
    }
    return up;
}

} // namespace TwinBridge
