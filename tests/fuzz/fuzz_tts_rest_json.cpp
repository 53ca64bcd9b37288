// libFuzzer target: arbitrary bytes into every TTS REST JSON reader, the error parser and the twin-tag mapper.
// None of them may crash, hang or put a secret into an error; whatever they accept must serialise again.
#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsApplication.h"
#include "services/tts/TtsDeviceTemplate.h"
#include "services/tts/TtsEndDevice.h"
#include "services/tts/TtsError.h"
#include "services/tts/TtsMqttConnectionInfo.h"
#include "services/tts/TtsRights.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

using namespace TwinBridge;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void readDevice(const QJsonObject &object)
{
    const Result<TtsEndDevice> device = TtsEndDevice::fromJson(object);
    if (!device)
        return;
    // What was read writes back and reads again to the same device.
    const Result<TtsEndDevice> again = TtsEndDevice::fromJson(device.value().toJson());
    check(again.ok());
    check(again.value() == device.value());
    const TtsEndDevice merged = device.value().mergedWith(again.value());
    (void)merged.toJson(merged.fieldPaths());
    (void)device.value().validateForCreate();
    check(device.value().withoutSecrets().rootKeys.appKey.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    // The error parser takes raw bodies (HTML, empty, anything).
    TtsError::Context context;
    context.operation = QStringLiteral("fuzz");
    context.applicationId = QStringLiteral("fuzz-app");
    context.deviceId = QStringLiteral("fuzz-device");
    context.secrets = {QStringLiteral("00112233445566778899AABBCCDDEEFF")};
    for (int status : {400, 401, 403, 404, 409, 412, 429, 500, 501, 503}) {
        const ServiceError error = TtsError::toServiceError(status, bytes, context);
        check(error.isError());
        check(!error.message().contains(context.secrets.first(), Qt::CaseInsensitive));
        check(!error.detail().contains(context.secrets.first(), Qt::CaseInsensitive));
    }

    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return 0;
    const QJsonObject object = document.object();

    readDevice(object);
    if (const Result<TtsApplication> application = TtsApplication::fromJson(object))
        check(TtsApplication::fromJson(application.value().toJson()).ok());
    if (const Result<TtsRights> rights = TtsRights::fromJson(object)) {
        for (TtsRights::Operation operation : TtsRights::allOperations())
            (void)rights.value().missingReport(operation);
    }
    if (const Result<TtsMqttConnectionInfo> info = TtsMqttConnectionInfo::fromJson(object)) {
        (void)TtsMqttConnectionInfo::hostOf(info.value().publicTlsAddress);
        (void)TtsMqttConnectionInfo::portOf(info.value().publicTlsAddress);
    }

    // Twin tags: either the object itself or its "lorawan" member.
    const QJsonObject tags = object.value(QStringLiteral("lorawan")).isObject()
        ? object.value(QStringLiteral("lorawan")).toObject()
        : object;
    const Result<TtsEndDevice> device = TtsDeviceTemplate::fromTwinTags(tags, QStringLiteral("fuzz-node"));
    if (device) {
        check(JsonFieldReader::isHex(device.value().devEui, 16));
        check(JsonFieldReader::isHex(device.value().rootKeys.appKey, 32));
        check(device.value().validateForCreate().ok());
    } else {
        // A key-shaped AppKey is never quoted back (unless another tag holds the same text and is quoted).
        const QString appKey = tags.value(QStringLiteral("appKey")).toString();
        QJsonObject others = tags;
        others.remove(QStringLiteral("appKey"));
        const QString otherText = QString::fromUtf8(QJsonDocument(others).toJson(QJsonDocument::Compact));
        if (JsonFieldReader::isHex(appKey, 32) && !otherText.contains(appKey, Qt::CaseInsensitive))
            check(!device.error().message().contains(appKey, Qt::CaseInsensitive));
    }
    return 0;
}
