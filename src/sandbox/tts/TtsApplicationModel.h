#pragma once

#include "sandbox/tts/TtsApiKey.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/protocol/TtsDownlink.h"
#include "services/tts/TtsComponent.h"
#include "services/tts/TtsEndDevice.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QRandomGenerator;

namespace TwinBridge::Sandbox {

// The state of the TTS stand-in: applications (one pre-provisioned, `demo-app` in tenant `sandbox`), their API
// keys, end devices in the four registries (IS, JS, NS, AS — each with its own record, timestamps and fields),
// the downlink queue of every device, last-seen times and injected faults. The REST endpoint, the admin API,
// the MQTT side and the virtual devices share it.
//
// Registry semantics follow TTS (reference/tts-integration.md §4.2 and the troubleshooting page):
// - IS: create (id taken → 409 id_taken; DevEUI+JoinEUI already registered anywhere → 409 end_device_euis_taken),
//   update, get, delete — the IS knows nothing of the other registries.
// - JS/NS/AS: set (creates or updates), get, delete. A new JS/NS entry whose DevEUI+JoinEUI another device
//   holds in that registry is 409 duplicate_identifiers; changing the EUIs of an entry is 400 read_only_field.
// - The trap TTS documents: an entry in JS/NS/AS that is older than the device's IS entry (it was left behind
//   when the device was deleted from the IS only, or was created before the IS entry) can be read and deleted,
//   but every write to it is 409 duplicate_identifiers until it is deleted. Deleting a device from all four
//   registries and creating it again IS → JS → NS → AS works.
// Fields are kept as protobuf JSON per registry; masks are applied with TtsFieldMask. Timestamps come from the
// injected Clock with nanosecond digits (milliseconds from the clock, a running count below them, so every
// stamp is distinct and ordered). With a state directory the model saves to `<stateDir>/tts/state.json`
// (owner-only: it holds API keys and root keys) shortly after each change; downlink queues are kept too.
class TtsApplicationModel : public QObject
{
    Q_OBJECT

public:
    static constexpr char DefaultApplicationId[] = "demo-app";
    static constexpr char DefaultTenantId[] = "sandbox";
    static constexpr char DefaultApiKeyName[] = "sandbox-default";

    struct Application
    {
        QString id;
        QString tenantId;
        QString name;
        QString description;
        QMap<QString, QString> attributes;
        QString createdAt;
        QString updatedAt;

        // "{id}@{tenant}", how TTS names the application in errors and MQTT user names.
        QString uid() const { return id + QLatin1Char('@') + tenantId; }
        // The wire JSON (ids, created_at, updated_at, name, …), before a field mask.
        QJsonObject toJson() const;
    };

    // The admin view of one device.
    struct DeviceSummary
    {
        QString applicationId;
        QString deviceId;
        QString devEui;
        QString joinEui;
        QList<TtsComponent> registries; // where it has an entry, in IS, JS, NS, AS order
        QList<TtsComponent> leftovers; // JS/NS/AS entries older than the IS entry (writes are refused)
        QString createdAt; // of the oldest entry
        QString lastSeenAt;
        QString activatedAt;
        int queueLength = 0;

        bool isComplete() const { return registries.size() == 4 && leftovers.isEmpty(); }
        QJsonObject toJson() const;
    };

    struct ListQuery
    {
        QStringList paths; // IS field mask
        int limit = 0; // 0 = all
        int page = 1; // 1-based
        QString order; // device_id, join_eui, dev_eui, name, description, created_at, last_seen_at, "-" = descending
        // Applied to the device's whole IS record (with ids.dev_addr from its session) before paging.
        std::function<bool(const QJsonObject &device)> filter;
    };

    struct Page
    {
        QJsonArray devices;
        int total = 0;
    };

    // A device the admin API creates in all four registries at once.
    struct ProvisionSpec
    {
        QString deviceId;
        QString devEui;
        QString joinEui;
        QString appKey;
        QString nwkKey; // LoRaWAN 1.1 only
        QString lorawanVersion = QStringLiteral("1.0.3");
        QString lorawanPhyVersion = QStringLiteral("1.0.3-a");
        QString frequencyPlanId = QStringLiteral("EU_863_870_TTN");
        QString name;
    };

    struct Fault
    {
        TtsComponent component = TtsComponent::IdentityServer;
        QByteArray method; // empty = any method
        int remaining = 1;
        int status = 500;

        QJsonObject toJson() const;
    };

    explicit TtsApplicationModel(Clock *clock = Clock::system(), std::optional<quint64> seed = std::nullopt,
                                 QObject *parent = nullptr);
    ~TtsApplicationModel() override;

    // Restores the state saved in `<stateDirectory>/tts/state.json` (if any) and saves there from now on.
    Status setStateDirectory(const QString &stateDirectory);
    Status saveNow();
    // Creates demo-app@sandbox with a default key (RIGHT_APPLICATION_ALL and each right the engine needs) unless
    // the application exists.
    void ensureDefaultApplication();

    // ---- applications and API keys
    Result<Application> createApplication(const QString &applicationId, const QString &tenantId = QLatin1String(DefaultTenantId),
                                          const QString &name = {});
    std::optional<Application> application(const QString &applicationId) const;
    QList<Application> applications() const;

    Result<TtsApiKey> createApiKey(const QString &applicationId, const QString &name,
                                   const QList<TtsRights::Right> &rights);
    Status deleteApiKey(const QString &keyId);
    // All keys (of one application when given), oldest first.
    QList<TtsApiKey> apiKeys(const QString &applicationId = {}) const;
    std::optional<TtsApiKey> apiKey(const QString &keyId) const;
    // The oldest key of the application (the default key of demo-app).
    std::optional<TtsApiKey> defaultApiKey(const QString &applicationId = QLatin1String(DefaultApplicationId)) const;

    // ---- the registries, with REST semantics; errors are TtsServerError values
    // The device as `component` stores it: ids, created_at, updated_at and the masked fields.
    Result<QJsonObject> getDevice(const QString &applicationId, const QString &deviceId, TtsComponent component,
                                  const QStringList &paths) const;
    // IS create; `paths` empty = every IS field the body has.
    Result<QJsonObject> createDevice(const QString &applicationId, const QJsonObject &endDevice,
                                     const QStringList &paths = {});
    // IS update of an existing device.
    Result<QJsonObject> updateDevice(const QString &applicationId, const QString &deviceId,
                                     const QJsonObject &endDevice, const QStringList &paths);
    // JS, NS or AS set: creates or updates.
    Result<QJsonObject> setDevice(const QString &applicationId, const QString &deviceId, TtsComponent component,
                                  const QJsonObject &endDevice, const QStringList &paths);
    Status deleteDevice(const QString &applicationId, const QString &deviceId, TtsComponent component);
    // IS devices of the application (paged, ordered, filtered).
    Result<Page> listDevices(const QString &applicationId, const ListQuery &query) const;
    bool hasEntry(const QString &applicationId, const QString &deviceId, TtsComponent component) const;

    // ---- the downlink queue (AS), shared by REST and MQTT `down/push` / `down/replace`
    // `request` is {"downlinks":[ApplicationDownlink…]}; every downlink is validated as TTS validates it (FPort
    // 1–223, frm_payload at most 255 bytes — TTS's real limit depends on the data rate — priority, correlation
    // ids). The device must exist in the AS.
    Result<QList<TtsDownlink>> pushDownlinks(const QString &applicationId, const QString &deviceId,
                                             const QJsonObject &request);
    Result<QList<TtsDownlink>> replaceDownlinks(const QString &applicationId, const QString &deviceId,
                                                const QJsonObject &request);
    Result<QList<TtsDownlink>> downlinkQueue(const QString &applicationId, const QString &deviceId) const;
    // Takes the first queued downlink (sent to the device on its next uplink).
    std::optional<TtsDownlink> popDownlink(const QString &applicationId, const QString &deviceId);
    // Encodes a downlink that has only a decoded_payload (TTS's downlink formatter runs when a downlink is
    // pushed); applied by push/replace before queueing, an error refuses the request. None by default.
    using DownlinkEncoder = std::function<Result<TtsDownlink>(const QString &applicationId, const QString &deviceId,
                                                              const TtsDownlink &downlink)>;
    void setDownlinkEncoder(DownlinkEncoder encoder);

    // ---- for virtual devices
    // The device merged from every registry, with root keys; nullopt if no registry has it.
    std::optional<TtsEndDevice> endDevice(const QString &applicationId, const QString &deviceId) const;
    // A join: sets the NS and AS session (dev_addr, session_key_id, frame counters 0) and activated_at.
    Status setSession(const QString &applicationId, const QString &deviceId, const QString &devAddr,
                      const QString &sessionKeyId);
    void recordLastSeen(const QString &applicationId, const QString &deviceId, const QDateTime &time);

    // ---- for the admin API
    QList<DeviceSummary> devices(const QString &applicationId = {}) const;
    std::optional<DeviceSummary> deviceSummary(const QString &applicationId, const QString &deviceId) const;
    // Creates the device IS → JS → NS → AS with TTS's checks; nothing stays behind when a step fails.
    Result<DeviceSummary> provisionDevice(const QString &applicationId, const ProvisionSpec &spec);
    // Removes the device from the given registries only (to seed drift); returns where it was removed from.
    Result<QList<TtsComponent>> removeFromRegistries(const QString &applicationId, const QString &deviceId,
                                                     const QList<TtsComponent> &components);
    void addFault(const Fault &fault);
    void clearFaults();
    QList<Fault> faults() const;
    // The error for a request to `component` if a fault is armed for it (and counts it down).
    std::optional<ServiceError> takeFault(TtsComponent component, const QByteArray &method);
    // Admin reset: every device, queue and fault goes; applications and keys stay.
    void reset();

    // ---- helpers
    // Now from the Clock, RFC 3339 with nine fractional digits, strictly increasing.
    QString timestamp();
    // 32 hex digits, as TTS's error correlation ids.
    QString correlationId();
    QRandomGenerator &random();
    // "2026-01-01T00:00:00.000000001Z"
    static QString formatTimestamp(const QDateTime &time, int nanosWithinMillisecond);
    // A fresh 16-hex-digit EUI / 32-hex-digit key (upper case).
    QString randomHex(int digits);

signals:
    // The device now is in all four registries without leftovers (a virtual device can join).
    void deviceCreated(const QString &applicationId, const QString &deviceId);
    // The device was complete and lost an entry (or all of them).
    void deviceDeleted(const QString &applicationId, const QString &deviceId);
    void downlinkQueued(const QString &applicationId, const QString &deviceId,
                        const QList<TwinBridge::TtsDownlink> &downlinks);
    void queueReplaced(const QString &applicationId, const QString &deviceId,
                       const QList<TwinBridge::TtsDownlink> &invalidated,
                       const QList<TwinBridge::TtsDownlink> &queued);
    void apiKeysChanged(const QString &applicationId);
    void stateChanged();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
