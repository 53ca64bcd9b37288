#include "models/DesiredDownlink.h"

namespace TwinBridge {

Result<QString> DesiredDownlink::normalizedHex(const QString &text)
{
    QString digits;
    digits.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isSpace())
            continue;
        const bool hex = (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
            (c >= QLatin1Char('a') && c <= QLatin1Char('f')) || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
        if (!hex) {
            return ServiceError::invalidInput(
                tr("The frame payload must be hexadecimal: “%1” at position %2 is not a hex digit (0–9, A–F).")
                    .arg(c)
                    .arg(i + 1),
                QStringLiteral("InvalidHex"));
        }
        digits.append(c.toUpper());
    }
    if (digits.isEmpty()) {
        return ServiceError::invalidInput(tr("The frame payload is empty. Enter at least one byte as two hex "
                                             "digits, for example 01."),
                                          QStringLiteral("InvalidHex"));
    }
    if (digits.size() % 2 != 0) {
        return ServiceError::invalidInput(tr("The frame payload has %1 hex digits; every byte needs two, so add or "
                                             "remove one digit.")
                                              .arg(digits.size()),
                                          QStringLiteral("InvalidHex"));
    }
    return digits;
}

Status DesiredDownlink::validateFPort(int fPort)
{
    if (fPort < MinFPort || fPort > MaxFPort) {
        return ServiceError::invalidInput(tr("FPort %1 cannot carry application data: use a port from %2 to %3.")
                                              .arg(fPort)
                                              .arg(MinFPort)
                                              .arg(MaxFPort),
                                          QStringLiteral("InvalidFPort"));
    }
    return Done {};
}

Result<QJsonObject> DesiredDownlink::rawDownlinkJson(const Raw &raw)
{
    if (Status port = validateFPort(raw.fPort); !port)
        return port.error();
    const Result<QString> hex = normalizedHex(raw.framePayload);
    if (!hex)
        return hex.error();
    return QJsonObject {
        {QStringLiteral("fPort"), raw.fPort},
        {QStringLiteral("framePayload"), hex.value()},
        {QStringLiteral("confirmed"), raw.confirmed},
        {QStringLiteral("operation"), raw.replace ? QStringLiteral("replace") : QStringLiteral("push")},
    };
}

std::optional<DesiredDownlink::Raw> DesiredDownlink::rawFromDesired(const QJsonObject &desired)
{
    const QJsonValue value = desired.value(rawDownlinkKey());
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    Raw raw;
    const int port = object.value(QLatin1String("fPort")).toInt(MinFPort);
    raw.fPort = std::clamp(port, MinFPort, MaxFPort);
    raw.framePayload = object.value(QLatin1String("framePayload")).toString();
    raw.confirmed = object.value(QLatin1String("confirmed")).toBool(false);
    raw.replace = object.value(QLatin1String("operation")).toString() == QLatin1String("replace");
    return raw;
}

QJsonObject DesiredDownlink::withRawDownlink(const QJsonObject &desired, const QJsonObject &rawDownlink,
                                             bool binaryOnly)
{
    QJsonObject result = desired;
    result.insert(rawDownlinkKey(), rawDownlink);
    if (binaryOnly)
        result.insert(decodedPayloadKey(), QJsonValue::Null);
    else if (result.value(decodedPayloadKey()).isNull())
        result.remove(decodedPayloadKey());
    return result;
}

QJsonObject DesiredDownlink::withDecodedPayload(const QJsonObject &desired, const QJsonObject &decodedPayload)
{
    QJsonObject result = desired;
    result.insert(decodedPayloadKey(), decodedPayload);
    return result;
}

} // namespace TwinBridge
