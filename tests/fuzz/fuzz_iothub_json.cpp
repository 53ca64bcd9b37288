// libFuzzer target: arbitrary bytes into the IoT Hub JSON readers and the error-envelope parser.
// Readers must never crash, hang or read out of bounds, and whatever they accept must survive a write/read
// round trip (toJson() of an accepted value is accepted again).
#include "services/iothub/BulkImportResult.h"
#include "services/iothub/DeviceIdentity.h"
#include "services/iothub/DeviceStatistics.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/ImportDevice.h"
#include "services/iothub/IotHubErrorEnvelope.h"
#include "services/iothub/QueryPage.h"
#include "services/protocol/JsonFieldReader.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

namespace {

using namespace TwinBridge;

template<typename T>
void readAndRoundTrip(const QJsonObject &object)
{
    const Result<T> value = T::fromJson(object);
    if (!value) {
        if (value.error().message().isEmpty())
            __builtin_trap(); // every rejection must say why
        return;
    }
    if (!T::fromJson(value.value().toJson()).ok())
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    // The error envelope, with the first line doubling as the iothub-errorcode header.
    const qsizetype newline = bytes.indexOf('\n');
    const QByteArray header = newline >= 0 && newline <= 64 ? bytes.left(newline) : QByteArray();
    const IotHubErrorEnvelope envelope = IotHubErrorEnvelope::parse(bytes, header);
    if (envelope.message.size() > IotHubErrorEnvelope::MaxMessageLength + 1)
        __builtin_trap();
    (void)envelope.describe();
    (void)IotHubErrorEnvelope::parse(QJsonDocument(envelope.toJson()).toJson());
    (void)IotHubErrorEnvelope::parse(QJsonDocument(envelope.toLegacyJson()).toJson());

    // A query page (the body must be a list) and its items as twins.
    if (const Result<QueryPage> page = QueryPage::fromJson(bytes); page.ok())
        (void)page.value().twins();

    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        readAndRoundTrip<DeviceIdentity>(object);
        readAndRoundTrip<DeviceTwin>(object);
        readAndRoundTrip<ImportDevice>(object);
        readAndRoundTrip<BulkImportResult>(object);
        readAndRoundTrip<DeviceStatistics>(object);
        readAndRoundTrip<DeviceAuthentication>(object);
    } else if (document.isArray()) {
        const QJsonArray array = document.array();
        for (const QJsonValue &item : array) {
            if (item.isObject()) {
                readAndRoundTrip<DeviceTwin>(item.toObject());
                readAndRoundTrip<ImportDevice>(item.toObject());
            }
        }
    }

    // Both timestamp forms; whatever parses must read back the same from the canonical form.
    const QString text = QString::fromUtf8(bytes.left(64));
    for (const auto form : {JsonFieldReader::TimestampForm::Rfc3339, JsonFieldReader::TimestampForm::Lenient}) {
        const QDateTime time = JsonFieldReader::parseTimestamp(text, form);
        if (time.isValid() && JsonFieldReader::parseTimestamp(JsonFieldReader::formatTimestamp(time)) != time)
            __builtin_trap();
    }
    (void)DeviceIdentity::validateDeviceId(QString::fromUtf8(bytes.left(200)));
    return 0;
}
