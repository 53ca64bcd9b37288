#pragma once

#include "sandbox/hub/HubTypes.h"
#include "sandbox/hub/TwinState.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/iothub/BulkImportResult.h"
#include "services/iothub/DeviceIdentity.h"
#include "services/iothub/DeviceStatistics.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/ImportDevice.h"
#include "services/iothub/QueryPage.h"

#include <QHash>
#include <QObject>

namespace TwinBridge::Sandbox {

// One emulated IoT hub: identity registry, device twins (with $metadata, $version, etags), shared access
// policies, SKU throttles, faults, recorded device-to-cloud messages and the events it raises for routing.
// The device MQTT endpoint, the service REST endpoint, routing and the admin API all work on this object; it
// knows nothing about sockets. Errors are ServiceErrors whose kind/httpStatus/code follow IoT Hub (code = the
// textual error code, e.g. "DeviceNotFound", "PreconditionFailed", "ThrottlingException"; see
// reference/azure-protocols.md §1.12), so endpoints only translate them to their wire form.
// Single-threaded: use it from the thread that owns it.
class SandboxHub : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString name; // "sandbox-hub" → host "sandbox-hub.azure-devices.net"
        HubSku sku = HubSku::S1;
        int units = 1;
        bool throttlesEnabled = true;
        QList<SharedAccessPolicy> policies; // empty → the default set (iothubowner, service, device,
                                            // registryRead, registryReadWrite) plus "twinbridge" with all four
                                            // rights; keys generated
        int maxRecordedMessagesPerDevice = 1000;
        int maxRecordedMessages = 100000; // in the whole hub; the oldest go first
    };

    SandboxHub(Options options, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~SandboxHub() override;

    QString name() const;
    QString hostName() const; // "{name}.azure-devices.net"
    HubSku sku() const;
    int units() const;
    void configure(HubSku sku, int units);
    void setThrottlesEnabled(bool enabled);
    Clock *clock() const;

    // --- authorization ---------------------------------------------------------------------------------
    QList<SharedAccessPolicy> policies() const;
    std::optional<SharedAccessPolicy> policy(const QString &keyName) const;
    // Replaces the shared access policies (an ARM redeployment): empty keys keep those of the policy with the
    // same name, or are generated. An empty list changes nothing. Connections authorized before stay open.
    void setPolicies(QList<SharedAccessPolicy> policies);
    // A service REST call: the token must be signed by a policy (skn) holding `required`, cover the hub,
    // and be unexpired. Unauthorized errors say which check failed (IoT Hub: 401 IotHubUnauthorizedAccess).
    // `resource` is what the call touches ("{host}/devices/d1"); empty means the hub itself. RegistryWrite
    // implies RegistryRead (ARM lists registryReadWrite with "RegistryWrite" alone).
    Status authorizeService(const QString &sasToken, HubRights required, const QString &resource = {}) const;
    // A device CONNECT: token for this device (sr = hub/devices/{id} or a prefix), signed by the device's own
    // key or by a policy with DeviceConnect; device exists and is enabled.
    Status authorizeDevice(const QString &deviceId, const QString &sasToken) const;

    // --- identity registry (each call counts against the registry throttle) ---------------------------
    // Keys generated if empty (32 random bytes, base64); raises deviceLifecycleEvents/createDeviceIdentity.
    Result<DeviceIdentity> createDevice(const DeviceIdentity &requested);
    Result<DeviceIdentity> device(const QString &deviceId);
    // Empty keys keep the current ones. New keys, another type or disabling emit deviceConnectionRevoked.
    Result<DeviceIdentity> updateDevice(const DeviceIdentity &requested, const QString &ifMatch); // "*" = any
    // Raises deviceLifecycleEvents/deleteDeviceIdentity (the twin as it was) and deviceConnectionRevoked.
    Status deleteDevice(const QString &deviceId, const QString &ifMatch);
    // 1–100 entries, each a registry operation (429 for the whole request if the bucket lacks them); ids
    // must be unique. Per-entry failures come back in the result (isSuccessful false), nothing else changes.
    Result<BulkImportResult> importDevices(const QList<ImportDevice> &devices);
    QList<DeviceIdentity> devices(int top = 1000) const; // no throttle: for the admin API and tests
    int deviceCount() const;
    int enabledDeviceCount() const;
    // GET /devices?top= and GET /statistics/devices: the same, as registry operations (throttled).
    Result<QList<DeviceIdentity>> listDevices(int top);
    Result<DeviceStatistics> statistics();

    // --- twins (service side; twin throttles apply) ----------------------------------------------------
    Result<DeviceTwin> twin(const QString &deviceId);
    // PATCH /twins: merge-patch tags and/or desired; If-Match on the twin etag; TwinRules enforced (400,
    // code ArgumentInvalid, message starting with the JSON path). A reported section is ignored. Raises
    // twinChangeEvents/updateTwin with only the changed parts (reference §4.2) and, for a connected device,
    // desiredPropertiesChanged.
    Result<DeviceTwin> updateTwin(const QString &deviceId, const QJsonObject &patch, const QString &ifMatch);
    // PUT /twins: replace tags and desired (absent = empty). Raises twinChangeEvents/replaceTwin with the
    // whole twin; a connected device gets the difference as a desired patch (removed members as null).
    Result<DeviceTwin> replaceTwin(const QString &deviceId, const QJsonObject &twin, const QString &ifMatch);
    // POST /devices/query (the subset in DeviceQuery); continuation is opaque.
    Result<QueryPage> query(const QString &sql, int maxItemCount, const QString &continuation);

    // --- device side (called by the MQTT endpoint) -----------------------------------------------------
    // {"desired":{…,"$version":n},"reported":{…,"$version":m}} as MQTT twin GET returns it.
    Result<QJsonObject> deviceTwinProperties(const QString &deviceId);
    // Merge-patch reported properties; returns the new reported $version. 400 for bad JSON / rule
    // violations, 429 when the twin-update throttle is exceeded. Raises a twinChangeEvents message (opType
    // updateTwin, body {"version", "properties":{"reported":{patch, "$metadata", "$version"}}}), as IoT Hub
    // does in practice; routes that test $body.properties.desired or $body.tags (TTS's) drop it.
    Result<qint64> patchReported(const QString &deviceId, const QJsonObject &patch);
    // Records telemetry (256 KB limit enforced by the caller) and hands it to routing.
    Status recordDeviceToCloud(const QString &deviceId, const QString &topic, const QByteArray &body,
                               const QVariantMap &systemProperties, const QVariantMap &applicationProperties);
    // Connection bookkeeping: connectionState, connectionStateUpdatedTime, lastActivityTime, metrics, the
    // new-connection throttle (tryConnect false → CONNACK 3).
    bool tryAcceptConnection(const QString &deviceId);
    void setConnected(const QString &deviceId, bool connected);
    void touch(const QString &deviceId); // any device traffic

    // --- recorded messages and metrics (admin API) -----------------------------------------------------
    // Messages of one device (or all when empty) with sequenceNumber > after, oldest first.
    QList<HubMessage> recordedMessages(const QString &deviceId, qint64 after, int limit = 1000) const;
    HubMetrics metrics() const;
    HubMetrics &mutableMetrics(); // for endpoints and routing to count their own events

    // --- throttles and faults ---------------------------------------------------------------------------
    // Takes `tokens` from the bucket of `operation`: 429 ThrottlingException when they are not there.
    Status admit(HubThrottle::Operation operation, double tokens = 1);
    HubThrottle::Limits limits() const;
    bool throttlesEnabled() const;
    // 503 ServiceUnavailable during an injected outage.
    Status checkAvailable() const;
    HubFaults faults() const;
    void setFaults(const HubFaults &faults);
    void clearFaults();
    void dropAllConnections(); // emits connectionsDropRequested()
    // Admin reset: an empty registry, no faults, no recorded messages, zero metrics, full throttle buckets.
    // Policies and SKU stay. Raises no events.
    void reset();

    // --- persistence -----------------------------------------------------------------------------------
    // Everything: saveStateWithoutDevices() plus "devices": [deviceState(id), …].
    QJsonObject saveState() const;
    // The hub without its devices (name, SKU, policies, sequence numbers): cheap, whatever the device count.
    QJsonObject saveStateWithoutDevices() const;
    // One device's persistent state: a copy (implicitly shared members, cheap to take) that may be turned
    // into JSON on another thread, e.g. by a background save.
    struct SavedDevice
    {
        DeviceIdentity identity; // connectionState Disconnected: nobody is connected after a restart
        TwinState twin;

        // {"identity": …, "twin": …} as saveState() lists it.
        QJsonObject toJson() const;
    };
    std::optional<SavedDevice> savedDevice(const QString &deviceId) const;
    // The devices created, changed or deleted since the last call (for incremental saving); `all` is true
    // (and every current device listed) the first time and after a reset, when every device may have changed.
    QStringList takeChangedDevices(bool *all);
    static Result<SandboxHub *> restore(const QJsonObject &state, Clock *clock, QObject *parent = nullptr);

signals:
    // Every telemetry message and every twin-change / lifecycle / connection-state event, for routing.
    void messageRaised(const TwinBridge::Sandbox::HubMessage &message);
    // The desired properties of a device changed: `patch` is the merge patch plus "$version", as pushed on
    // $iothub/twin/PATCH/properties/desired/?$version=.
    void desiredPropertiesChanged(const QString &deviceId, const QJsonObject &patch, qint64 version);
    // The device was deleted, disabled or its keys changed: its connection must be closed.
    void deviceConnectionRevoked(const QString &deviceId);
    void connectionsDropRequested();
    void stateChanged(); // something worth persisting changed

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
