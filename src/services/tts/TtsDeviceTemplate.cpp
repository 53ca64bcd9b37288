#include "services/tts/TtsDeviceTemplate.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsLorawanVersions.h"

#include <QRegularExpression>

namespace TwinBridge {

namespace {

const QString ErrorCode = QStringLiteral("InvalidTwinTags");

QString tagName(const QString &key)
{
    return QStringLiteral("lorawan.") + key;
}

// Reads an optional string tag; sets `error` if present with another type.
QString stringTag(const QJsonObject &object, const QString &key, const QString &tag, ServiceError &error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        if (!error.isError())
            error = ServiceError::invalidInput(TtsDeviceTemplate::tr("The twin tag %1 must be a string.").arg(tag),
                                               ErrorCode);
        return {};
    }
    return value.toString().trimmed();
}

} // namespace

Result<TtsEndDevice> TtsDeviceTemplate::fromTwinTags(const QJsonObject &lorawan, const QString &deviceId)
{
    ServiceError error;
    TtsEndDevice device;

    if (!deviceId.isEmpty() && !TtsEndDevice::isValidId(deviceId)) {
        return ServiceError::invalidInput(
            tr("The IoT Hub device id \"%1\" cannot be used as a The Things Stack end device id: use 3 to "
               "36 lower-case letters, digits and single dashes, starting and ending with a letter or "
               "digit.")
                .arg(deviceId.left(128)),
            ErrorCode);
    }
    device.deviceId = deviceId;

    const QString devEui = stringTag(lorawan, QStringLiteral("devEui"), tagName(QStringLiteral("devEui")), error);
    const QString joinEui = stringTag(lorawan, QStringLiteral("joinEui"), tagName(QStringLiteral("joinEui")), error);
    const QString lorawanVersion =
        stringTag(lorawan, QStringLiteral("lorawanVersion"), tagName(QStringLiteral("lorawanVersion")), error);
    const QString phyVersion = stringTag(lorawan, QStringLiteral("regionalParametersVersion"),
                                         tagName(QStringLiteral("regionalParametersVersion")), error);
    const QString appKey = stringTag(lorawan, QStringLiteral("appKey"), tagName(QStringLiteral("appKey")), error);
    const QString nwkKey = stringTag(lorawan, QStringLiteral("nwkKey"), tagName(QStringLiteral("nwkKey")), error);
    const QString frequencyPlanId =
        stringTag(lorawan, QStringLiteral("frequencyPlanId"), tagName(QStringLiteral("frequencyPlanId")), error);
    if (error.isError())
        return error;

    // EUIs are not secret: they may be quoted back.
    if (devEui.isEmpty())
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.devEui is missing; set it to the device's DevEUI (16 hexadecimal digits)."),
            ErrorCode);
    if (!JsonFieldReader::isHex(devEui, 16)) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.devEui (\"%1\") must be 16 hexadecimal digits (8 bytes), e.g. "
               "0004A30B001C5838.")
                .arg(devEui.left(40)),
            ErrorCode);
    }
    if (joinEui.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.joinEui is missing; set it to the JoinEUI/AppEUI (16 hexadecimal "
               "digits, 0000000000000000 if the device has none)."),
            ErrorCode);
    }
    if (!JsonFieldReader::isHex(joinEui, 16)) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.joinEui (\"%1\") must be 16 hexadecimal digits (8 bytes), e.g. "
               "800000000000000C.")
                .arg(joinEui.left(40)),
            ErrorCode);
    }

    if (lorawanVersion.isEmpty()) {
        return ServiceError::invalidInput(tr("The twin tag lorawan.lorawanVersion is missing; use one of %1.")
                                              .arg(TtsLorawanVersions::macVersionAliases().join(QStringLiteral(", "))),
                                          ErrorCode);
    }
    const QString macSpelling = TtsLorawanVersions::macVersionSpelling(lorawanVersion);
    if (macSpelling.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.lorawanVersion (\"%1\") is not a LoRaWAN version The Things Stack "
               "knows; use one of %2.")
                .arg(lorawanVersion.left(40), TtsLorawanVersions::macVersionAliases().join(QStringLiteral(", "))),
            ErrorCode);
    }
    if (phyVersion.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.regionalParametersVersion is missing; use one of %1.")
                .arg(TtsLorawanVersions::phyVersionAliases().join(QStringLiteral(", "))),
            ErrorCode);
    }
    const QString phySpelling = TtsLorawanVersions::phyVersionSpelling(phyVersion);
    if (phySpelling.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.regionalParametersVersion (\"%1\") is not a regional parameters "
               "version The Things Stack knows; use one of %2.")
                .arg(phyVersion.left(40), TtsLorawanVersions::phyVersionAliases().join(QStringLiteral(", "))),
            ErrorCode);
    }

    // Keys are secret: never quote them, only say what is wrong with their shape.
    if (appKey.isEmpty())
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.appKey is missing; set it to the device's AppKey (32 hexadecimal digits)."),
            ErrorCode);
    if (!JsonFieldReader::isHex(appKey, 32)) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.appKey must be 32 hexadecimal digits (16 bytes); the value has %1 "
               "characters or contains other characters.")
                .arg(appKey.size()),
            ErrorCode);
    }
    const bool lorawan11 = TtsLorawanVersions::usesNwkKey(TtsLorawanVersions::macVersionName(macSpelling));
    if (lorawan11 && nwkKey.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.nwkKey is missing: LoRaWAN 1.1 devices need a NwkKey (32 "
               "hexadecimal digits) as well as the AppKey."),
            ErrorCode);
    }
    if (!nwkKey.isEmpty() && !lorawan11) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.nwkKey is only used by LoRaWAN 1.1 devices, but "
               "lorawan.lorawanVersion is \"%1\". Remove the NwkKey or correct the version.")
                .arg(lorawanVersion),
            ErrorCode);
    }
    if (!nwkKey.isEmpty() && !JsonFieldReader::isHex(nwkKey, 32)) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.nwkKey must be 32 hexadecimal digits (16 bytes); the value has %1 "
               "characters or contains other characters.")
                .arg(nwkKey.size()),
            ErrorCode);
    }

    static const QRegularExpression planPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (frequencyPlanId.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.frequencyPlanId is missing; set it to the frequency plan, e.g. "
               "EU_863_870_TTN or US_902_928_FSB_2."),
            ErrorCode);
    }
    if (!planPattern.match(frequencyPlanId).hasMatch()) {
        return ServiceError::invalidInput(
            tr("The twin tag lorawan.frequencyPlanId (\"%1\") is not a frequency plan id; use one like "
               "EU_863_870_TTN or US_902_928_FSB_2.")
                .arg(frequencyPlanId.left(64)),
            ErrorCode);
    }

    const QJsonValue versionValue = lorawan.value(QStringLiteral("versionIdentifiers"));
    if (!versionValue.isUndefined() && !versionValue.isNull()) {
        if (!versionValue.isObject())
            return ServiceError::invalidInput(tr("The twin tag lorawan.versionIdentifiers must be an object."),
                                              ErrorCode);
        const QJsonObject version = versionValue.toObject();
        auto tag = [](const char *key) -> QString {
            return QStringLiteral("lorawan.versionIdentifiers.") + QLatin1String(key);
        };
        device.versionIds.brandId = stringTag(version, QStringLiteral("brandId"), tag("brandId"), error);
        device.versionIds.modelId = stringTag(version, QStringLiteral("modelId"), tag("modelId"), error);
        device.versionIds.hardwareVersion =
            stringTag(version, QStringLiteral("hardwareVersion"), tag("hardwareVersion"), error);
        device.versionIds.firmwareVersion =
            stringTag(version, QStringLiteral("firmwareVersion"), tag("firmwareVersion"), error);
        device.versionIds.bandId = stringTag(version, QStringLiteral("bandId"), tag("bandId"), error);
        if (error.isError())
            return error;
        const std::pair<QString, const char *> ids[] = {{device.versionIds.brandId, "brandId"},
                                                        {device.versionIds.modelId, "modelId"}};
        for (const auto &[value, key] : ids) {
            if (!value.isEmpty() && !TtsEndDevice::isValidId(value)) {
                return ServiceError::invalidInput(
                    tr("The twin tag %1 (\"%2\") must be a Device Repository id: 3 to 36 lower-case "
                       "letters, digits and single dashes, e.g. the-things-products.")
                        .arg(tag(key), value.left(64)),
                    ErrorCode);
            }
        }
        const std::pair<QString, const char *> texts[] = {{device.versionIds.hardwareVersion, "hardwareVersion"},
                                                          {device.versionIds.firmwareVersion, "firmwareVersion"},
                                                          {device.versionIds.bandId, "bandId"}};
        for (const auto &[value, key] : texts) {
            if (value.size() > 32)
                return ServiceError::invalidInput(tr("The twin tag %1 is longer than 32 characters.").arg(tag(key)),
                                                  ErrorCode);
        }
    }

    device.devEui = devEui.toUpper();
    device.joinEui = joinEui.toUpper();
    device.lorawanVersion = macSpelling;
    device.lorawanPhyVersion = phySpelling;
    device.frequencyPlanId = frequencyPlanId;
    device.supportsJoin = true;
    device.rootKeys.appKey = appKey.toUpper();
    device.rootKeys.nwkKey = nwkKey.toUpper();
    return device;
}

} // namespace TwinBridge
