// RouteCondition::parse on arbitrary text; every condition it accepts evaluates (on telemetry with a JSON
// body, on a twin-change notification and on a message with a binary body) without crashing, to the same
// value twice, and parses again from its own text. Refusals are InvalidInput errors naming a position inside
// the text (or just after it).

#include "FuzzCheck.h"

#include "sandbox/routing/RouteCondition.h"

#include <QJsonObject>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

QList<HubMessage> sampleMessages()
{
    HubMessage telemetry;
    telemetry.source = RoutingSource::DeviceMessages;
    telemetry.deviceId = QStringLiteral("lora-01");
    telemetry.body = R"({"a":{"b":[1,{"c":"x"}],"t":21.5,"ok":true,"n":null},"tags":{}})";
    telemetry.systemProperties = {{QStringLiteral("$.ct"), QStringLiteral("application/json")},
                                  {QStringLiteral("$.ce"), QStringLiteral("utf-8")},
                                  {QStringLiteral("$.mid"), QStringLiteral("m-1")}};
    telemetry.applicationProperties = {{QStringLiteral("opType"), QStringLiteral("updateTwin")},
                                       {QStringLiteral("level"), 5}};

    HubMessage twin = telemetry;
    twin.source = RoutingSource::TwinChangeEvents;
    twin.body = R"({"version":3,"properties":{"desired":{"x":1,"$version":2}}})";
    twin.systemProperties = {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                             {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
                             {QStringLiteral("iothub-connection-device-id"), QStringLiteral("lora-01")}};

    HubMessage binary = telemetry;
    binary.body = QByteArray("\x00\xff\x10", 3);
    binary.systemProperties.clear();
    return {telemetry, twin, binary};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QList<HubMessage> messages = sampleMessages();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<RouteCondition> parsed = RouteCondition::parse(text);
    if (!parsed) {
        FUZZ_CHECK(parsed.error().kind() == ServiceError::Kind::InvalidInput);
        FUZZ_CHECK(parsed.error().message().startsWith(QLatin1String("Route condition error at position ")));
        const int position = parsed.error().payload().toObject().value(QLatin1String("position")).toInt();
        FUZZ_CHECK(position >= 1);
        FUZZ_CHECK(position <= qMax(text.size(), qsizetype(RouteCondition::MaxLength)) + 1);
        return 0;
    }
    const RouteCondition &condition = parsed.value();
    FUZZ_CHECK(condition.text() == text);
    for (const HubMessage &message : messages) {
        const RouteCondition::Input input(message);
        const QJsonValue first = condition.evaluate(input);
        const QJsonValue second = condition.evaluate(input);
        FUZZ_CHECK(first == second);
        FUZZ_CHECK(condition.matches(input) == (first.isBool() && first.toBool()));
    }
    const Result<RouteCondition> again = RouteCondition::parse(condition.text());
    FUZZ_CHECK(again.ok());
    return 0;
}
