#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace TwinBridge {

// IoT Hub connection strings, as the portal, the CLI and the SDKs write them:
//   hub:    HostName={host};SharedAccessKeyName={policy};SharedAccessKey={base64 key}
//           (or …;SharedAccessSignature=SharedAccessSignature sr=…&sig=…&se=…&skn=… instead of the key)
//   device: HostName={host};DeviceId={id}[;ModuleId={id}];SharedAccessKey={base64 key}[;GatewayHostName={host[:port]}]
//           (or …;SharedAccessSignature=SharedAccessSignature sr=… instead of the key)
//
// Key names are case-sensitive, as in the C and Node SDKs (strcmp / object properties); the C# SDK
// compares them case-insensitively, so a key that differs only in case gets an error that names the right
// spelling. `;` separates the pairs and the first `=` of a pair separates key from value (SAS values contain
// '='). Leading/trailing white space of the whole string and one trailing ';' are tolerated.
//
// No error message ever contains the key or the signature.
class IotHubConnectionString
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::IotHubConnectionString)

public:
    enum class Kind { Hub, Device };

    static constexpr int MinKeyBytes = 16; // C# SDK SecurityConstants, reference/azure-protocols.md §1.11
    static constexpr int MaxKeyBytes = 64;

    // Parses either kind: a DeviceId makes it a device string, a SharedAccessKeyName without DeviceId a hub
    // string. Every malformed part yields an InvalidInput error with code "InvalidConnectionString".
    static Result<IotHubConnectionString> parse(const QString &text);
    // Parses and requires that kind (the error says which kind was pasted instead).
    static Result<IotHubConnectionString> parseHub(const QString &text);
    static Result<IotHubConnectionString> parseDevice(const QString &text);

    static IotHubConnectionString forHub(const QString &hostName, const QString &policyName, const QByteArray &key);
    static IotHubConnectionString forDevice(const QString &hostName, const QString &deviceId, const QByteArray &key,
                                            const QString &moduleId = {});

    // The canonical string: HostName, then DeviceId/ModuleId or SharedAccessKeyName, then the credential,
    // then GatewayHostName. Contains the secret; never log it (use redacted()).
    QString toString() const;
    // The same with the key or signature replaced by "…", for logs and the UI.
    QString redacted() const;

    Kind kind() const { return m_kind; }
    QString hostName() const { return m_hostName; }
    // The first label of the host name ("myhub" for myhub.azure-devices.net).
    QString hubName() const;
    QString sharedAccessKeyName() const { return m_keyName; } // hub strings (and SAS-based hub strings)
    QByteArray sharedAccessKey() const { return m_key; } // base64 text as written; empty with a SAS
    QString sharedAccessSignature() const { return m_signature; } // "SharedAccessSignature sr=…"; empty with a key
    bool usesSharedAccessSignature() const { return !m_signature.isEmpty(); }
    QString deviceId() const { return m_deviceId; }
    QString moduleId() const { return m_moduleId; }
    QString gatewayHostName() const { return m_gatewayHostName; } // host or host:port, empty if none

    // Checks a hub policy or device key: strict base64 (with padding), 16–64 bytes decoded. The InvalidInput
    // error (code "InvalidKey") starts with `what`, the key's name ("SharedAccessKey", "The key of the shared
    // access policy …"), and never quotes the key. Connection strings and the service client both use it.
    static Status checkKey(const QByteArray &base64Key, const QString &what);

    bool operator==(const IotHubConnectionString &other) const = default;

private:
    Kind m_kind = Kind::Hub;
    QString m_hostName;
    QString m_keyName;
    QByteArray m_key;
    QString m_signature;
    QString m_deviceId;
    QString m_moduleId;
    QString m_gatewayHostName;
};

} // namespace TwinBridge
