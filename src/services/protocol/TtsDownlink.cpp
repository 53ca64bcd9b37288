#include "services/protocol/TtsDownlink.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace TwinBridge {

namespace {

ServiceError invalid(const QString &message)
{
    ServiceError error = ServiceError::invalidInput(message);
    error.setCode(QStringLiteral("InvalidDownlink"));
    return error;
}

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
        return invalid(tr("The downlink needs an FPort between %1 and %2 (or a decoded payload for the device's "
                          "formatter to encode).")
                           .arg(MinFPort)
                           .arg(MaxFPort));
    }
    if (fPort != 0 && (fPort < MinFPort || fPort > MaxFPort)) {
        return invalid(tr("FPort %1 is not allowed: application downlinks use ports %2 to %3.")
                           .arg(fPort)
                           .arg(MinFPort)
                           .arg(MaxFPort));
    }
    if (frmPayload.size() > MaxPayloadBytes) {
        return invalid(tr("The payload has %1 bytes; a LoRaWAN downlink carries at most %2 (and fewer at slow "
                          "data rates).")
                           .arg(frmPayload.size())
                           .arg(MaxPayloadBytes));
    }
    if (!priority.isEmpty() && !priorities().contains(priority)) {
        return invalid(tr("The priority \"%1\" is unknown; use one of %2.")
                           .arg(priority, priorities().join(QStringLiteral(", "))));
    }
    for (const QString &id : correlationIds) {
        if (id.size() > 100)
            return invalid(tr("A correlation id is longer than 100 characters."));
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

Result<TtsDownlink> TtsDownlink::fromJson(const QJsonObject &object)
{
    TtsDownlink downlink;
    const QJsonValue fPort = object.value(QStringLiteral("f_port"));
    if (!fPort.isUndefined() && !fPort.isNull()) {
        if (!fPort.isDouble() || fPort.toDouble() != double(fPort.toInt()))
            return invalid(tr("\"f_port\" must be a whole number."));
        downlink.fPort = fPort.toInt();
    }
    const QJsonValue payload = object.value(QStringLiteral("frm_payload"));
    if (!payload.isUndefined() && !payload.isNull()) {
        if (!payload.isString())
            return invalid(tr("\"frm_payload\" must be a base64 string."));
        const auto decoded = QByteArray::fromBase64Encoding(payload.toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return invalid(tr("\"frm_payload\" is not valid base64."));
        downlink.frmPayload = decoded.decoded;
    }
    const QJsonValue decodedPayload = object.value(QStringLiteral("decoded_payload"));
    if (!decodedPayload.isUndefined() && !decodedPayload.isNull()) {
        if (!decodedPayload.isObject())
            return invalid(tr("\"decoded_payload\" must be a JSON object."));
        downlink.decodedPayload = decodedPayload.toObject();
    }
    const QJsonValue confirmed = object.value(QStringLiteral("confirmed"));
    if (!confirmed.isUndefined() && !confirmed.isNull()) {
        if (!confirmed.isBool())
            return invalid(tr("\"confirmed\" must be true or false."));
        downlink.confirmed = confirmed.toBool();
    }
    downlink.priority = object.value(QStringLiteral("priority")).toString();
    const QJsonValue ids = object.value(QStringLiteral("correlation_ids"));
    if (ids.isArray()) {
        const QJsonArray array = ids.toArray();
        for (const QJsonValue &id : array)
            downlink.correlationIds.append(id.toString());
    }
    downlink.sessionKeyId = object.value(QStringLiteral("session_key_id")).toString();
    const QJsonValue fCnt = object.value(QStringLiteral("f_cnt"));
    if (fCnt.isDouble())
        downlink.fCnt = qint64(fCnt.toDouble());
    else if (fCnt.isString())
        downlink.fCnt = fCnt.toString().toLongLong();
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
        return invalid(tr("\"downlinks\" must be a list."));
    QList<TtsDownlink> result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return invalid(tr("Downlink %1 is not a JSON object.").arg(i + 1));
        auto downlink = fromJson(array.at(i).toObject());
        if (!downlink)
            return downlink.error();
        result.append(downlink.takeValue());
    }
    return result;
}

} // namespace TwinBridge
