#include "services/protocol/TtsDownlink.h"

#include "services/protocol/JsonFieldReader.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace TwinBridge {

namespace {

const QString ErrorCode = QStringLiteral("InvalidDownlink");

} // namespace

const QStringList &TtsDownlink::priorities()
{
    static const QStringList names = {QStringLiteral("LOWEST"),       QStringLiteral("LOW"),
                                      QStringLiteral("BELOW_NORMAL"), QStringLiteral("NORMAL"),
                                      QStringLiteral("ABOVE_NORMAL"), QStringLiteral("HIGH"),
                                      QStringLiteral("HIGHEST")};
    return names;
}

Status TtsDownlink::validate() const
{
    if (fPort == 0 && !decodedPayload) {
        return ServiceError::invalidInput(
            tr("The downlink needs an FPort between %1 and %2 (or a decoded payload for the device's "
               "formatter to encode).")
                .arg(MinFPort)
                .arg(MaxFPort),
            ErrorCode);
    }
    if (fPort != 0 && (fPort < MinFPort || fPort > MaxFPort)) {
        return ServiceError::invalidInput(tr("FPort %1 is not allowed: application downlinks use ports %2 to %3.")
                                              .arg(fPort)
                                              .arg(MinFPort)
                                              .arg(MaxFPort),
                                          ErrorCode);
    }
    if (frmPayload.size() > MaxPayloadBytes) {
        return ServiceError::invalidInput(
            tr("The payload has %1 bytes; a LoRaWAN downlink carries at most %2 (and fewer at slow "
               "data rates).")
                .arg(frmPayload.size())
                .arg(MaxPayloadBytes),
            ErrorCode);
    }
    if (!priority.isEmpty() && !priorities().contains(priority)) {
        return ServiceError::invalidInput(
            tr("The priority \"%1\" is unknown; use one of %2.").arg(priority, priorities().join(QStringLiteral(", "))),
            ErrorCode);
    }
    for (const QString &id : correlationIds) {
        if (id.size() > 100)
            return ServiceError::invalidInput(tr("A correlation id is longer than 100 characters."), ErrorCode);
    }
    return Done{};
}

QJsonObject TtsDownlink::toJson() const
{
    QJsonObject object;
    if (fPort != 0)
        object.insert(QStringLiteral("f_port"), fPort);
    if (!frmPayload.isEmpty())
        object.insert(QStringLiteral("frm_payload"), QString::fromLatin1(frmPayload.toBase64()));
    if (decodedPayload)
        object.insert(QStringLiteral("decoded_payload"), *decodedPayload);
    if (confirmed)
        object.insert(QStringLiteral("confirmed"), true);
    if (!priority.isEmpty())
        object.insert(QStringLiteral("priority"), priority);
    if (!correlationIds.isEmpty())
        object.insert(QStringLiteral("correlation_ids"), QJsonArray::fromStringList(correlationIds));
    if (!sessionKeyId.isEmpty())
        object.insert(QStringLiteral("session_key_id"), sessionKeyId);
    if (fCnt >= 0)
        object.insert(QStringLiteral("f_cnt"), fCnt);
    return object;
}

Result<TtsDownlink> TtsDownlink::fromJson(const QJsonObject &object, const QString &path)
{
    JsonFieldReader reader(
        object, {.errorCode = ErrorCode, .integers = JsonFieldReader::Integers::NumbersOrDecimalStrings}, path);
    TtsDownlink downlink;
    // Events carry any port the network saw (0–255); validate() checks what may be scheduled.
    downlink.fPort = int(reader.integer(QStringLiteral("f_port"), 0, 255));
    downlink.frmPayload = reader.base64(QStringLiteral("frm_payload"));
    downlink.decodedPayload = reader.optionalObject(QStringLiteral("decoded_payload"));
    downlink.confirmed = reader.boolean(QStringLiteral("confirmed"));
    downlink.priority = reader.string(QStringLiteral("priority"));
    downlink.correlationIds = reader.strings(QStringLiteral("correlation_ids"));
    downlink.sessionKeyId = reader.string(QStringLiteral("session_key_id"));
    if (reader.has(QStringLiteral("f_cnt")))
        downlink.fCnt = reader.integer(QStringLiteral("f_cnt"), 0, 0xffffffffLL);
    if (!reader.ok())
        return reader.error();
    return downlink;
}

QJsonObject TtsDownlink::queueRequest(const QList<TtsDownlink> &downlinks)
{
    QJsonArray array;
    for (const TtsDownlink &downlink : downlinks)
        array.append(downlink.toJson());
    return QJsonObject{{QStringLiteral("downlinks"), array}};
}

Result<QList<TtsDownlink>> TtsDownlink::fromQueue(const QJsonObject &object)
{
    const QJsonValue value = object.value(QStringLiteral("downlinks"));
    if (value.isUndefined())
        return QList<TtsDownlink>(); // TTS omits empty lists
    if (!value.isArray())
        return JsonFieldReader::makeError(QStringLiteral("downlinks"), tr("must be a list."), ErrorCode);
    QList<TtsDownlink> result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("downlinks[%1]").arg(i);
        if (!array.at(i).isObject()) {
            return JsonFieldReader::makeError(itemPath, tr("must be a JSON object."), ErrorCode);
        }
        auto downlink = fromJson(array.at(i).toObject(), itemPath);
        if (!downlink)
            return downlink.error();
        result.append(downlink.takeValue());
    }
    return result;
}

} // namespace TwinBridge
