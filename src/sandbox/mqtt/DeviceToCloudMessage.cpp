#include "sandbox/mqtt/DeviceToCloudMessage.h"

namespace TwinBridge::Sandbox {

namespace {

struct SystemPropertyName
{
    const char *wire;
    const char *name;
};

// The wire keys with a documented IoT Hub / Event Hubs name (S-MSG, N-MQTT `dt-subject`→`$.sub`).
constexpr SystemPropertyName KnownNames[] = {
    {MessagePropertyBag::MessageId, "message-id"},
    {MessagePropertyBag::CorrelationId, "correlation-id"},
    {MessagePropertyBag::UserId, "user-id"},
    {MessagePropertyBag::To, "to"},
    {MessagePropertyBag::AbsoluteExpiryTime, "absolute-expiry-time"},
    {MessagePropertyBag::ContentType, "content-type"},
    {MessagePropertyBag::ContentEncoding, "content-encoding"},
    {MessagePropertyBag::ComponentName, "dt-subject"},
};

QVariant variantValue(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

QString DeviceToCloudMessage::systemPropertyName(QStringView wireKey)
{
    if (!MessagePropertyBag::isSystemProperty(wireKey))
        return {};
    for (const SystemPropertyName &known : KnownNames) {
        if (wireKey == QLatin1String(known.wire))
            return QString::fromLatin1(known.name);
    }
    return wireKey.toString();
}

qsizetype DeviceToCloudMessage::utf8Size(QStringView text)
{
    qsizetype size = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            size += 1;
        } else if (c < 0x800) {
            size += 2;
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            size += 4;
            ++i;
        } else {
            size += 3;
        }
    }
    return size;
}

DeviceToCloudMessage DeviceToCloudMessage::fromProperties(const MessagePropertyBag &bag, qsizetype bodySize,
                                                          bool retain)
{
    DeviceToCloudMessage message;
    message.size = bodySize;
    for (const MessagePropertyBag::Property &property : bag.properties()) {
        const qsizetype valueSize = property.value ? utf8Size(*property.value) : 0;
        if (MessagePropertyBag::isSystemProperty(property.name)) {
            if (property.name == QLatin1String(MessagePropertyBag::ConnectionDeviceId) ||
                property.name == QLatin1String(MessagePropertyBag::ConnectionModuleId)) {
                continue;
            }
            message.size += valueSize;
            message.systemProperties.insert(systemPropertyName(property.name), variantValue(property.value));
        } else {
            message.size += utf8Size(property.name) + valueSize;
            message.applicationProperties.insert(property.name, variantValue(property.value));
        }
    }
    if (retain)
        message.applicationProperties.insert(QStringLiteral("mqtt-retain"), QStringLiteral("true"));
    return message;
}

} // namespace TwinBridge::Sandbox
