// The IoT Hub MQTT grammar on arbitrary text: topics, property bags, user names, subscription filters,
// percent-encoding and, since it shares the territory, TTS topics. Whatever parses must print in a canonical
// form that parses to the same value and prints identically again.

#include "FuzzCheck.h"

#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/IotHubSubscription.h"
#include "services/protocol/IotHubTopic.h"
#include "services/protocol/MessagePropertyBag.h"
#include "services/protocol/PercentEncoding.h"
#include "services/protocol/TtsTopic.h"

#include <QString>

#include <cstddef>
#include <cstdint>

using namespace TwinBridge;

namespace {

void checkTopic(const QString &text)
{
    const auto parsed = IotHubTopic::parse(text);
    if (!parsed) {
        FUZZ_CHECK(parsed.error().kind() == ServiceError::Kind::InvalidInput);
        return;
    }
    const IotHubTopic &topic = parsed.value();
    const QString canonical = topic.toString();
    const auto again = IotHubTopic::parse(canonical);
    FUZZ_CHECK(again.ok());
    const IotHubTopic &second = again.value();
    FUZZ_CHECK(second.kind() == topic.kind());
    FUZZ_CHECK(second.deviceId() == topic.deviceId());
    FUZZ_CHECK(second.moduleId() == topic.moduleId());
    FUZZ_CHECK(second.requestId() == topic.requestId());
    FUZZ_CHECK(second.version() == topic.version());
    FUZZ_CHECK(second.status() == topic.status());
    FUZZ_CHECK(second.methodName() == topic.methodName());
    FUZZ_CHECK(second.properties() == topic.properties());
    FUZZ_CHECK(second.toString() == canonical);
    (void)IotHubSubscription::kindForTopic(topic.kind());
}

void checkBag(const QString &text)
{
    const auto bag = MessagePropertyBag::parse(text);
    if (!bag)
        return;
    const auto again = MessagePropertyBag::parse(bag.value().toString());
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value() == bag.value());
    FUZZ_CHECK(bag.value().systemProperties().size() + bag.value().applicationProperties().size() ==
               bag.value().size());
}

void checkUsername(const QString &text)
{
    const auto parsed = IotHubMqttUsername::parse(text);
    if (!parsed)
        return;
    const QString canonical = parsed.value().toString();
    const auto again = IotHubMqttUsername::parse(canonical);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value().toString() == canonical);
    FUZZ_CHECK(again.value().hostName == parsed.value().hostName);
    FUZZ_CHECK(again.value().deviceId == parsed.value().deviceId);
    FUZZ_CHECK(again.value().moduleId == parsed.value().moduleId);
}

void checkSubscription(const QString &text)
{
    const auto kind = IotHubSubscription::classify(text, QStringLiteral("lora-01"));
    if (kind)
        FUZZ_CHECK(IotHubSubscription::filter(kind.value(), QStringLiteral("lora-01")) == text);
}

void checkPercentEncoding(const QString &text)
{
    FUZZ_CHECK(PercentEncoding::decode(PercentEncoding::encode(text)) == std::optional<QString>(text));
    (void)PercentEncoding::decode(text);
}

void checkTtsTopic(const QString &text)
{
    const auto parsed = TtsTopic::parse(text);
    if (parsed)
        FUZZ_CHECK(parsed.value().toString() == text); // only the canonical form is accepted
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    checkTopic(text);
    checkBag(text);
    checkUsername(text);
    checkSubscription(text);
    checkPercentEncoding(text);
    checkTtsTopic(text);
    return 0;
}
