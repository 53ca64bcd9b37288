#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// The rights an API key has on an application (`GET /applications/{app}/rights` answers
// {"rights":["RIGHT_APPLICATION_INFO", …]}) and what each TwinBridge operation needs
// (reference/tts-integration.md §4.6). RIGHT_ALL and RIGHT_APPLICATION_ALL imply every application
// right; RIGHT_APPLICATION_LINK implies INFO, TRAFFIC_READ and TRAFFIC_DOWN_WRITE.
class TtsRights
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TtsRights)

public:
    enum class Right {
        ApplicationInfo,
        ApplicationSettingsBasic,
        ApplicationSettingsApiKeys,
        ApplicationSettingsCollaborators,
        ApplicationSettingsPackages,
        ApplicationDelete,
        ApplicationDevicesRead,
        ApplicationDevicesWrite,
        ApplicationDevicesReadKeys,
        ApplicationDevicesWriteKeys,
        ApplicationTrafficRead,
        ApplicationTrafficUpWrite,
        ApplicationTrafficDownWrite,
        ApplicationLink,
        ApplicationAll,
        All,
    };

    // What TwinBridge does with a key, each needing a set of rights.
    enum class Operation {
        ApplicationInfo, // read the application (connection test, mqtt-connection-info)
        ReadDevices, // list, search and get devices
        WriteDevices, // create and delete devices, including their root keys
        ReadKeys, // read devices' root keys
        TrafficRead, // subscribe to uplinks and events over MQTT
        DownlinkWrite, // push/replace downlinks
        SettingsPackages, // application packages and their associations
        AzureIntegration, // everything the bridge engine needs
    };

    struct MissingRight
    {
        Right right;
        QString name; // wire name, e.g. RIGHT_APPLICATION_DEVICES_WRITE_KEYS
        QString sentence; // "RIGHT_… is missing: it lets the key …, which … needs."
    };

    TtsRights() = default;
    explicit TtsRights(QList<Right> rights, QStringList unknownRights = {});

    static Result<TtsRights> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    static QString wireName(Right right);
    static std::optional<Right> fromWireName(const QString &name);
    // What the right allows, e.g. "set device root keys".
    static QString description(Right right);
    // What the operation is, e.g. "creating and deleting devices (with their root keys)".
    static QString operationName(Operation operation);
    static QList<Right> required(Operation operation);
    static QList<Operation> allOperations();

    // The rights as listed by TTS (implications not expanded) and names TwinBridge does not know.
    QList<Right> granted() const { return m_rights; }
    QStringList unknownRights() const { return m_unknown; }

    bool has(Right right) const;
    bool covers(Operation operation) const { return missingFor(operation).isEmpty(); }
    QList<MissingRight> missingFor(Operation operation) const;
    // One paragraph naming every missing right and what to do; empty when nothing is missing.
    QString missingReport(Operation operation) const;

private:
    QList<Right> m_rights;
    QStringList m_unknown;
};

} // namespace TwinBridge
