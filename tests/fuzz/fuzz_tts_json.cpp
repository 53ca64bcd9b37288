// The TTS JSON readers on arbitrary bytes: ApplicationUp (the MQTT upstream body), TtsDownlink and the
// push/replace queue body. Accepted input keeps its raw object and re-reads identically; downlinks survive
// toJson() → fromJson().

#include "FuzzCheck.h"

#include "services/protocol/ApplicationUp.h"
#include "services/protocol/TtsDownlink.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace TwinBridge;

namespace {

void checkDownlinkRoundTrip(const TtsDownlink &downlink)
{
    const QJsonObject json = downlink.toJson();
    const auto again = TtsDownlink::fromJson(json);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value().toJson() == json);
    (void)downlink.validate();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const auto up = ApplicationUp::fromJson(bytes);
    if (up) {
        FUZZ_CHECK(!up.value().deviceId().isEmpty());
        const auto again = ApplicationUp::fromJson(QJsonDocument(up.value().raw()).toJson(QJsonDocument::Compact));
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again.value().type() == up.value().type());
        FUZZ_CHECK(again.value().raw() == up.value().raw());
        FUZZ_CHECK(again.value().deviceId() == up.value().deviceId());
        checkDownlinkRoundTrip(up.value().downlink());
        checkDownlinkRoundTrip(up.value().downlinkFailed().downlink);
        for (const TtsDownlink &downlink : up.value().downlinkQueueInvalidated().downlinks)
            checkDownlinkRoundTrip(downlink);
    } else {
        FUZZ_CHECK(up.error().kind() == ServiceError::Kind::InvalidInput);
        FUZZ_CHECK(up.error().code() == QLatin1String("InvalidApplicationUp"));
    }

    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return 0;
    const auto downlink = TtsDownlink::fromJson(document.object());
    if (downlink)
        checkDownlinkRoundTrip(downlink.value());
    const auto queue = TtsDownlink::fromQueue(document.object());
    if (queue) {
        const auto again = TtsDownlink::fromQueue(TtsDownlink::queueRequest(queue.value()));
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again.value().size() == queue.value().size());
        for (const TtsDownlink &item : queue.value())
            checkDownlinkRoundTrip(item);
    }
    return 0;
}
