#include "services/iothub/IotHubErrorEnvelope.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <optional>
#include <utility>

namespace TwinBridge {

namespace {

struct KnownCode
{
    int number;
    const char *name;
};

// reference/azure-protocols.md §1.12 (C# SDK ErrorCode.cs and the MQTT doc).
constexpr KnownCode KnownCodes[] = {
    {400004, "ArgumentInvalid"},
    {400005, "ArgumentNull"},
    {400006, "IotHubFormatError"},
    {400011, "DeviceDefinedMultipleTimes"},
    {400013, "BulkRegistryOperationFailure"},
    {400027, "ConnectionForcefullyClosedOnNewConnection"},
    {401001, "IotHubNotFound"},
    {401002, "IotHubUnauthorizedAccess"},
    {401003, "IotHubUnauthorized"},
    {403002, "IotHubQuotaExceeded"},
    {403004, "DeviceMaximumQueueDepthExceeded"},
    {404001, "DeviceNotFound"},
    {404010, "ModuleNotFound"},
    {404103, "DeviceNotOnline"},
    {404104, "DeviceConnectionClosedRemotely"},
    {409001, "DeviceAlreadyExists"},
    {412001, "PreconditionFailed"},
    {412002, "DeviceMessageLockLost"},
    {413001, "MessageTooLarge"},
    {413002, "TooManyDevices"},
    {429001, "ThrottlingException"},
    {429002, "ThrottleBacklogLimitExceeded"},
    {429003, "ThrottlingBacklogTimeout"},
    {429005, "DeviceThrottlingLimitExceeded"},
    {500001, "ServerError"},
    {503001, "ServiceUnavailable"},
};

// Nested encodings deeper than this are not followed (a hostile body could nest forever).
constexpr int MaxDepth = 4;

const QLatin1String ErrorCodePrefix("ErrorCode:");
const QLatin1String TrackingIdPrefix("Tracking ID:");

QJsonValue valueOf(const QJsonObject &object, const char *camel, const char *pascal)
{
    QJsonValue value = object.value(QLatin1String(camel));
    if (value.isUndefined() || value.isNull())
        value = object.value(QLatin1String(pascal));
    return value;
}

QString limited(QString text)
{
    text = text.trimmed();
    if (text.size() > IotHubErrorEnvelope::MaxMessageLength)
        text = text.left(IotHubErrorEnvelope::MaxMessageLength) + QChar(0x2026);
    return text;
}

bool isSixDigitCode(double value)
{
    return std::isfinite(value) && std::trunc(value) == value && value >= 100000 && value <= 999999;
}

void applyCode(IotHubErrorEnvelope &envelope, const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return;
    bool isNumber = false;
    const int number = trimmed.toInt(&isNumber);
    if (isNumber) {
        if (envelope.numericCode == 0 && isSixDigitCode(number))
            envelope.numericCode = number;
    } else if (envelope.code.isEmpty()) {
        envelope.code = limited(trimmed);
    }
}

// "ErrorCode:DeviceNotFound;Device not found" → code + text; anything else is plain text.
void applyMessageText(IotHubErrorEnvelope &envelope, const QString &text)
{
    QString rest = text.trimmed();
    if (rest.startsWith(ErrorCodePrefix, Qt::CaseInsensitive)) {
        rest = rest.mid(ErrorCodePrefix.size());
        const qsizetype separator = rest.indexOf(QLatin1Char(';'));
        applyCode(envelope, separator < 0 ? rest : rest.left(separator));
        rest = separator < 0 ? QString() : rest.mid(separator + 1);
    }
    if (envelope.message.isEmpty())
        envelope.message = limited(rest);
}

// "Tracking ID:aeec…-G:0-TimeStamp:10/18/2022 20:50:39" → tracking id and time stamp.
void applyExceptionMessage(IotHubErrorEnvelope &envelope, const QString &text)
{
    const qsizetype start = text.indexOf(TrackingIdPrefix, 0, Qt::CaseInsensitive);
    if (start < 0)
        return;
    QString rest = text.mid(start + TrackingIdPrefix.size()).trimmed();
    const qsizetype timeStamp = rest.indexOf(QLatin1String("-TimeStamp:"), 0, Qt::CaseInsensitive);
    if (timeStamp >= 0) {
        if (envelope.timestampUtc.isEmpty())
            envelope.timestampUtc = limited(rest.mid(timeStamp + 11));
        rest = rest.left(timeStamp);
    }
    const qsizetype gateway = rest.indexOf(QLatin1String("-G:"));
    if (gateway >= 0)
        rest = rest.left(gateway);
    if (envelope.trackingId.isEmpty())
        envelope.trackingId = limited(rest);
}

std::optional<QJsonValue> parseJson(const QByteArray &text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    QJsonParseError error;
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
        if (error.error != QJsonParseError::NoError)
            return std::nullopt;
        return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    }
    if (trimmed.startsWith('"')) {
        // A bare JSON string: QJsonDocument only takes objects and arrays at the top.
        const QJsonDocument document = QJsonDocument::fromJson('[' + trimmed + ']', &error);
        if (error.error != QJsonParseError::NoError || document.array().size() != 1)
            return std::nullopt;
        return document.array().at(0);
    }
    return std::nullopt;
}

void parseValue(IotHubErrorEnvelope &envelope, const QJsonValue &value, int depth);

void parseObject(IotHubErrorEnvelope &envelope, const QJsonObject &object, int depth)
{
    const QJsonValue errorCode = valueOf(object, "errorCode", "ErrorCode");
    if (errorCode.isDouble()) {
        if (envelope.numericCode == 0 && isSixDigitCode(errorCode.toDouble()))
            envelope.numericCode = int(errorCode.toDouble());
    } else if (errorCode.isString()) {
        applyCode(envelope, errorCode.toString());
    }
    const QJsonValue trackingId = valueOf(object, "trackingId", "TrackingId");
    if (trackingId.isString() && envelope.trackingId.isEmpty())
        envelope.trackingId = limited(trackingId.toString());
    const QJsonValue timestamp = valueOf(object, "timestampUtc", "TimestampUtc");
    if (timestamp.isString() && envelope.timestampUtc.isEmpty())
        envelope.timestampUtc = limited(timestamp.toString());

    const QJsonValue message = valueOf(object, "message", "Message");
    if (message.isString()) {
        const QString text = message.toString();
        const QString trimmed = text.trimmed();
        std::optional<QJsonValue> nested;
        if (depth < MaxDepth && (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('"'))))
            nested = parseJson(trimmed.toUtf8());
        if (nested)
            parseValue(envelope, *nested, depth + 1);
        else
            applyMessageText(envelope, text);
    } else if (message.isObject() && depth < MaxDepth) {
        parseObject(envelope, message.toObject(), depth + 1);
    }
    const QJsonValue exceptionMessage = valueOf(object, "exceptionMessage", "ExceptionMessage");
    if (exceptionMessage.isString())
        applyExceptionMessage(envelope, exceptionMessage.toString());
}

void parseValue(IotHubErrorEnvelope &envelope, const QJsonValue &value, int depth)
{
    if (value.isObject()) {
        parseObject(envelope, value.toObject(), depth);
    } else if (value.isString()) {
        const QString text = value.toString();
        std::optional<QJsonValue> nested;
        if (depth < MaxDepth)
            nested = parseJson(text.trimmed().toUtf8());
        if (nested && !nested->isString())
            parseValue(envelope, *nested, depth + 1);
        else
            applyMessageText(envelope, text);
    }
}

} // namespace

IotHubErrorEnvelope IotHubErrorEnvelope::parse(const QByteArray &body, const QByteArray &errorCodeHeader)
{
    IotHubErrorEnvelope envelope;
    if (const auto json = parseJson(body)) {
        parseValue(envelope, *json, 0);
    } else {
        const QString text = QString::fromUtf8(body).simplified();
        if (!text.isEmpty())
            applyMessageText(envelope, text);
    }
    if (envelope.code.isEmpty() && envelope.numericCode != 0)
        envelope.code = codeName(envelope.numericCode);
    // The header names the code too; the body's own code wins when both are there.
    if (envelope.code.isEmpty())
        applyCode(envelope, QString::fromLatin1(errorCodeHeader));
    if (envelope.numericCode == 0 && !envelope.code.isEmpty())
        envelope.numericCode = numericCodeFor(envelope.code);
    return envelope;
}

QString IotHubErrorEnvelope::codeName(int numericCode)
{
    for (const KnownCode &known : KnownCodes) {
        if (known.number == numericCode)
            return QString::fromLatin1(known.name);
    }
    return {};
}

int IotHubErrorEnvelope::numericCodeFor(const QString &name)
{
    for (const KnownCode &known : KnownCodes) {
        if (name.compare(QLatin1String(known.name), Qt::CaseInsensitive) == 0)
            return known.number;
    }
    return 0;
}

QString IotHubErrorEnvelope::describe() const
{
    QString text;
    if (!code.isEmpty())
        text = code;
    if (numericCode != 0)
        text += text.isEmpty() ? QString::number(numericCode) : QStringLiteral(" (%1)").arg(numericCode);
    if (!message.isEmpty())
        text += text.isEmpty() ? message : QStringLiteral(": ") + message;
    if (!trackingId.isEmpty())
        text += QCoreApplication::translate("TwinBridge::IotHubErrorEnvelope", " Tracking ID: %1").arg(trackingId);
    return text.trimmed();
}

QJsonObject IotHubErrorEnvelope::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("errorCode"), numericCode != 0 ? numericCode : numericCodeFor(code));
    object.insert(QStringLiteral("trackingId"), trackingId);
    object.insert(QStringLiteral("message"), message);
    object.insert(QStringLiteral("timestampUtc"), timestampUtc);
    return object;
}

QJsonObject IotHubErrorEnvelope::toLegacyJson() const
{
    const QString name = code.isEmpty() ? codeName(numericCode) : code;
    QJsonObject object;
    object.insert(QStringLiteral("Message"), QStringLiteral("ErrorCode:%1;%2").arg(name, message));
    QString exception = QStringLiteral("Tracking ID:%1").arg(trackingId);
    if (!timestampUtc.isEmpty())
        exception += QStringLiteral("-TimeStamp:") + timestampUtc;
    object.insert(QStringLiteral("ExceptionMessage"), exception);
    return object;
}

} // namespace TwinBridge
