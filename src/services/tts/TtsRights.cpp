#include "services/tts/TtsRights.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsError.h"

#include <QJsonArray>

namespace TwinBridge {

namespace {

struct RightInfo
{
    TtsRights::Right right;
    const char *name;
};

constexpr RightInfo rightTable[] = {
    {TtsRights::Right::ApplicationInfo, "RIGHT_APPLICATION_INFO"},
    {TtsRights::Right::ApplicationSettingsBasic, "RIGHT_APPLICATION_SETTINGS_BASIC"},
    {TtsRights::Right::ApplicationSettingsApiKeys, "RIGHT_APPLICATION_SETTINGS_API_KEYS"},
    {TtsRights::Right::ApplicationSettingsCollaborators, "RIGHT_APPLICATION_SETTINGS_COLLABORATORS"},
    {TtsRights::Right::ApplicationSettingsPackages, "RIGHT_APPLICATION_SETTINGS_PACKAGES"},
    {TtsRights::Right::ApplicationDelete, "RIGHT_APPLICATION_DELETE"},
    {TtsRights::Right::ApplicationDevicesRead, "RIGHT_APPLICATION_DEVICES_READ"},
    {TtsRights::Right::ApplicationDevicesWrite, "RIGHT_APPLICATION_DEVICES_WRITE"},
    {TtsRights::Right::ApplicationDevicesReadKeys, "RIGHT_APPLICATION_DEVICES_READ_KEYS"},
    {TtsRights::Right::ApplicationDevicesWriteKeys, "RIGHT_APPLICATION_DEVICES_WRITE_KEYS"},
    {TtsRights::Right::ApplicationTrafficRead, "RIGHT_APPLICATION_TRAFFIC_READ"},
    {TtsRights::Right::ApplicationTrafficUpWrite, "RIGHT_APPLICATION_TRAFFIC_UP_WRITE"},
    {TtsRights::Right::ApplicationTrafficDownWrite, "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE"},
    {TtsRights::Right::ApplicationLink, "RIGHT_APPLICATION_LINK"},
    {TtsRights::Right::ApplicationAll, "RIGHT_APPLICATION_ALL"},
    {TtsRights::Right::All, "RIGHT_ALL"},
};

} // namespace

TtsRights::TtsRights(QList<Right> rights, QStringList unknownRights)
    : m_rights(std::move(rights))
    , m_unknown(std::move(unknownRights))
{ }

Result<TtsRights> TtsRights::fromJson(const QJsonObject &object)
{
    JsonFieldReader read(object, TtsError::jsonReaderOptions(tr("a rights list")));
    const QStringList names = read.strings(QStringLiteral("rights"));
    if (!read.ok())
        return read.error();
    QList<Right> rights;
    QStringList unknown;
    for (const QString &name : names) {
        if (const auto right = fromWireName(name)) {
            if (!rights.contains(*right))
                rights.append(*right);
        } else if (!unknown.contains(name)) {
            unknown.append(name);
        }
    }
    return TtsRights(rights, unknown);
}

QJsonObject TtsRights::toJson() const
{
    QJsonArray array;
    for (Right right : m_rights)
        array.append(wireName(right));
    for (const QString &name : m_unknown)
        array.append(name);
    return QJsonObject {{QStringLiteral("rights"), array}};
}

QString TtsRights::wireName(Right right)
{
    for (const RightInfo &info : rightTable) {
        if (info.right == right)
            return QLatin1String(info.name);
    }
    return {};
}

std::optional<TtsRights::Right> TtsRights::fromWireName(const QString &name)
{
    for (const RightInfo &info : rightTable) {
        if (name == QLatin1String(info.name))
            return info.right;
    }
    return std::nullopt;
}

QString TtsRights::description(Right right)
{
    switch (right) {
    case Right::ApplicationInfo:
        return tr("view the application's information");
    case Right::ApplicationSettingsBasic:
        return tr("edit the application's basic settings");
    case Right::ApplicationSettingsApiKeys:
        return tr("manage the application's API keys");
    case Right::ApplicationSettingsCollaborators:
        return tr("manage the application's collaborators");
    case Right::ApplicationSettingsPackages:
        return tr("manage application packages and integrations");
    case Right::ApplicationDelete:
        return tr("delete the application");
    case Right::ApplicationDevicesRead:
        return tr("view devices");
    case Right::ApplicationDevicesWrite:
        return tr("create, edit and delete devices");
    case Right::ApplicationDevicesReadKeys:
        return tr("view device root keys");
    case Right::ApplicationDevicesWriteKeys:
        return tr("set device root keys");
    case Right::ApplicationTrafficRead:
        return tr("read uplinks and events");
    case Right::ApplicationTrafficUpWrite:
        return tr("write uplinks");
    case Right::ApplicationTrafficDownWrite:
        return tr("schedule downlinks");
    case Right::ApplicationLink:
        return tr("link to the application as an Application Server");
    case Right::ApplicationAll:
        return tr("do everything with the application");
    case Right::All:
        return tr("do everything");
    }
    return {};
}

QString TtsRights::operationName(Operation operation)
{
    switch (operation) {
    case Operation::ApplicationInfo:
        return tr("reading the application's information");
    case Operation::ReadDevices:
        return tr("reading devices");
    case Operation::WriteDevices:
        return tr("creating and deleting devices (with their root keys)");
    case Operation::ReadKeys:
        return tr("reading device root keys");
    case Operation::TrafficRead:
        return tr("receiving uplinks and events over MQTT");
    case Operation::DownlinkWrite:
        return tr("scheduling downlinks");
    case Operation::SettingsPackages:
        return tr("managing application packages");
    case Operation::AzureIntegration:
        return tr("the Azure IoT Hub integration");
    }
    return {};
}

QList<TtsRights::Right> TtsRights::required(Operation operation)
{
    switch (operation) {
    case Operation::ApplicationInfo:
        return {Right::ApplicationInfo};
    case Operation::ReadDevices:
        return {Right::ApplicationDevicesRead};
    case Operation::WriteDevices:
        return {Right::ApplicationDevicesWrite, Right::ApplicationDevicesWriteKeys};
    case Operation::ReadKeys:
        return {Right::ApplicationDevicesRead, Right::ApplicationDevicesReadKeys};
    case Operation::TrafficRead:
        return {Right::ApplicationTrafficRead};
    case Operation::DownlinkWrite:
        return {Right::ApplicationTrafficDownWrite};
    case Operation::SettingsPackages:
        return {Right::ApplicationSettingsPackages};
    case Operation::AzureIntegration:
        // The engine reads the application (connection test, MQTT info), reads, creates and deletes devices
        // with their root keys (twin tags), subscribes to traffic and schedules downlinks (desired properties).
        return {Right::ApplicationInfo,         Right::ApplicationDevicesRead,
                Right::ApplicationDevicesWrite, Right::ApplicationDevicesWriteKeys,
                Right::ApplicationTrafficRead,  Right::ApplicationTrafficDownWrite};
    }
    return {};
}

QList<TtsRights::Operation> TtsRights::allOperations()
{
    return {Operation::ApplicationInfo,  Operation::ReadDevices,     Operation::WriteDevices,
            Operation::ReadKeys,         Operation::TrafficRead,     Operation::DownlinkWrite,
            Operation::SettingsPackages, Operation::AzureIntegration};
}

bool TtsRights::has(Right right) const
{
    if (m_rights.contains(right) || m_rights.contains(Right::All))
        return true;
    if (right == Right::All)
        return false;
    if (m_rights.contains(Right::ApplicationAll))
        return true;
    if (m_rights.contains(Right::ApplicationLink)) {
        return right == Right::ApplicationInfo || right == Right::ApplicationTrafficRead ||
            right == Right::ApplicationTrafficDownWrite;
    }
    return false;
}

QList<TtsRights::MissingRight> TtsRights::missingFor(Operation operation) const
{
    QList<MissingRight> missing;
    for (Right right : required(operation)) {
        if (has(right))
            continue;
        const QString name = wireName(right);
        missing.append({right, name,
                        tr("%1 is missing: it lets the key %2, which %3 needs.")
                            .arg(name, description(right), operationName(operation))});
    }
    return missing;
}

QString TtsRights::missingReport(Operation operation) const
{
    const QList<MissingRight> missing = missingFor(operation);
    if (missing.isEmpty())
        return {};
    QStringList names;
    QStringList sentences;
    for (const MissingRight &right : missing) {
        names.append(right.name);
        sentences.append(right.sentence);
    }
    return tr("The API key lacks %n right(s) needed for %1: %2. %3 Add them to the key "
              "in the TTS Console (your application → API keys) or create a new key "
              "that has them.",
              nullptr, int(missing.size()))
        .arg(operationName(operation), names.join(QStringLiteral(", ")), sentences.join(QLatin1Char(' ')));
}

} // namespace TwinBridge
