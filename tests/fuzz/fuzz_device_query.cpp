// The sandbox's IoT Hub query parser and evaluator on arbitrary text. Every input either parses or fails with
// a 400 whose message names a line and column; a parsed query evaluates and projects fixed twins without
// crashing, and COUNT() queries give one object with one number.

#include "FuzzCheck.h"

#include "sandbox/hub/DeviceQuery.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

const QJsonObject &sampleTwin()
{
    static const QJsonObject twin = QJsonDocument::fromJson(R"({"deviceId":"lora-01","status":"enabled",
        "connectionState":"Connected","version":3,"lastActivityTime":"2026-01-01T10:00:00.000Z",
        "tags":{"lorawan":{"devEui":"0004A30B001C0530","provisioned":true},"site":"north","list":[1,"a",null]},
        "properties":{"desired":{"interval":60,"$version":2},
                      "reported":{"lastSeenAt":"2026-01-01T10:00:00Z","battery":80.5,"$version":5}}})")
                                        .object();
    return twin;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString sql = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<DeviceQuery> query = DeviceQuery::parse(sql);
    if (!query) {
        FUZZ_CHECK(query.error().httpStatus() == 400);
        FUZZ_CHECK(query.error().message().contains(QLatin1String("Line ")));
        return 0;
    }
    for (const QJsonObject &document : {sampleTwin(), QJsonObject()}) {
        const bool matched = query.value().matches(document);
        const QJsonObject item = query.value().project(document);
        if (query.value().selectsTwins())
            FUZZ_CHECK(item == document);
        (void)matched;
    }
    if (query.value().isAggregate()) {
        const QJsonObject count = query.value().aggregate(3);
        FUZZ_CHECK(count.size() == 1 && count.begin().value().toInt() == 3);
    }
    return 0;
}
