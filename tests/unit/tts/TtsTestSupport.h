#pragma once

#include "services/tts/TtsEndDevice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Helpers and documented examples shared by the TTS unit tests.
namespace TwinBridge::TtsTest {

inline QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s in %s", qPrintable(error.errorString()), text);
    return document.object();
}

inline QJsonObject json(const QByteArray &text)
{
    return json(text.constData());
}

inline QDateTime utc(const char *text)
{
    return QDateTime::fromString(QLatin1String(text), Qt::ISODateWithMs).toUTC();
}

// The answers of the TTS OTAA guide ("HTTP (REST) API" tab; reference/tts-integration.md §4.2).
inline constexpr const char *DocsIsAnswer =
    R"json({"ids":{"device_id":"test-device","application_ids":{"application_id":"my-test-app"},"dev_eui":"0000000000000011","join_eui":"1111111111111111"},"created_at":"2024-01-10T14:26:18.084008Z","updated_at":"2024-01-10T14:26:18.084009Z","version_ids":{},"network_server_address":"thethings.example.com","application_server_address":"thethings.example.com","join_server_address":"thethings.example.com","lora_alliance_profile_ids":{}})json";
inline constexpr const char *DocsJsAnswer =
    R"json({"ids":{"device_id":"test-device","application_ids":{"application_id":"my-test-app"},"dev_eui":"0000000000000011","join_eui":"1111111111111111"},"created_at":"2024-01-10T14:30:01.564243Z","updated_at":"2024-01-10T14:30:01.564243Z","network_server_address":"thethings.example.com","application_server_address":"thethings.example.com","root_keys":{"app_key":{"key":"11223344556677881122334455667788"}}})json";
inline constexpr const char *DocsNsAnswer =
    R"json({"ids":{"device_id":"test-device","application_ids":{"application_id":"my-test-app"},"dev_eui":"0000000000000011","join_eui":"1111111111111111"},"created_at":"2024-01-10T14:34:54.493279Z","updated_at":"2024-01-10T14:34:54.493279Z","lorawan_version":"MAC_V1_0_2","lorawan_phy_version":"PHY_V1_0_2_REV_B","frequency_plan_id":"EU_863_870_TTN","supports_join":true})json";
inline constexpr const char *DocsAsAnswer =
    R"json({"ids":{"device_id":"test-device","application_ids":{"application_id":"my-test-app"},"dev_eui":"0000000000000011","join_eui":"1111111111111111"},"created_at":"2024-01-10T14:37:56.826742Z","updated_at":"2024-01-10T14:37:56.826742Z"})json";

// The request bodies of the same guide.
inline constexpr const char *DocsIsRequest =
    R"json({"end_device":{"ids":{"device_id":"test-device","dev_eui":"0000000000000011","join_eui":"1111111111111111"},"join_server_address":"thethings.example.com","network_server_address":"thethings.example.com","application_server_address":"thethings.example.com"},"field_mask":{"paths":["join_server_address","network_server_address","application_server_address","ids.dev_eui","ids.join_eui"]}})json";
inline constexpr const char *DocsJsRequest =
    R"json({"end_device":{"ids":{"device_id":"test-device","dev_eui":"0000000000000011","join_eui":"1111111111111111"},"network_server_address":"thethings.example.com","application_server_address":"thethings.example.com","root_keys":{"app_key":{"key":"11223344556677881122334455667788"}}},"field_mask":{"paths":["network_server_address","application_server_address","ids.device_id","ids.dev_eui","ids.join_eui","root_keys.app_key.key"]}})json";
inline constexpr const char *DocsNsRequest =
    R"json({"end_device":{"supports_join":true,"lorawan_version":"1.0.2","ids":{"device_id":"test-device","dev_eui":"0000000000000011","join_eui":"1111111111111111"},"lorawan_phy_version":"1.0.2-b","frequency_plan_id":"EU_863_870_TTN"},"field_mask":{"paths":["supports_join","lorawan_version","ids.device_id","ids.dev_eui","ids.join_eui","lorawan_phy_version","frequency_plan_id"]}})json";
inline constexpr const char *DocsAsRequest =
    R"json({"end_device":{"ids":{"device_id":"test-device","dev_eui":"0000000000000011","join_eui":"1111111111111111"}},"field_mask":{"paths":["ids.device_id","ids.dev_eui","ids.join_eui"]}})json";

// The device the guide creates.
inline TtsEndDevice docsDevice()
{
    TtsEndDevice device;
    device.deviceId = QStringLiteral("test-device");
    device.devEui = QStringLiteral("0000000000000011");
    device.joinEui = QStringLiteral("1111111111111111");
    device.lorawanVersion = QStringLiteral("1.0.2");
    device.lorawanPhyVersion = QStringLiteral("1.0.2-b");
    device.frequencyPlanId = QStringLiteral("EU_863_870_TTN");
    device.rootKeys.appKey = QStringLiteral("11223344556677881122334455667788");
    return device;
}

} // namespace TwinBridge::TtsTest

namespace TwinBridge {

// Lets QCOMPARE print devices (test output only; test keys are not secrets).
inline char *toString(const TtsEndDevice &device)
{
    return QTest::toString(QString::fromUtf8(QJsonDocument(device.toJson()).toJson(QJsonDocument::Compact)));
}

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::TtsEndDevice)
