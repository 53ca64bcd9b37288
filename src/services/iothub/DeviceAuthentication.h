#pragma once

#include "services/core/Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace TwinBridge {

class JsonFieldReader;

// How a device authenticates to IoT Hub (swagger AuthenticationMechanism): symmetric keys ("sas"),
// X.509 thumbprints ("selfSigned") or a CA chain ("certificateAuthority"). The keys are secrets: never log
// them. See reference/azure-protocols.md §3.2.
struct DeviceAuthentication
{
    enum class Type { Sas, SelfSigned, CertificateAuthority, None };

    Type type = Type::Sas;
    QString primaryKey; // base64; empty = let the hub generate one
    QString secondaryKey;
    QString primaryThumbprint;
    QString secondaryThumbprint;

    static QString typeName(Type type);
    static std::optional<Type> parseType(const QString &name); // case-insensitive

    QJsonObject toJson() const;
    // Missing "type" follows the Node SDK: thumbprints alone mean selfSigned, otherwise sas.
    static DeviceAuthentication read(JsonFieldReader &reader);
    static Result<DeviceAuthentication> fromJson(const QJsonObject &object);

    bool operator==(const DeviceAuthentication &other) const = default;
};

} // namespace TwinBridge
