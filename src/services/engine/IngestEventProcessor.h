#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/engine/IngestEvent.h"
#include "services/engine/IngestOutcome.h"
#include "services/protocol/TtsDownlink.h"
#include "services/tts/TtsClient.h"
#include "services/tts/TtsEndDevice.h"

#include <QCoreApplication>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace TwinBridge {

class IotHubServiceClient;

// Acts on one ingest event (DESIGN §1 "Events in", reference/tts-integration.md §1.4, §1.5, §2.6):
// - updateTwin / replaceTwin with properties.desired.decodedPayload and/or rawDownlink {fPort, framePayload
//   (hex), confirmed, operation push|replace} → one TTS downlink (frm_payload base64, decoded_payload),
//   de-duplicated per device by the desired "$version" (a repeated or older version is ignored and counted).
//   A key set to null sends nothing for that key (binary-only downlink: "decodedPayload": null + rawDownlink).
// - tags.lorawan (devEui, joinEui, lorawanVersion, regionalParametersVersion, appKey, nwkKey, frequencyPlanId,
//   versionIdentifiers) without "provisioned": true → the full twin is read, the device is created in TTS
//   IS → JS → NS → AS (TtsClient rolls back what it created if a step fails), then the twin's tags are patched
//   to provisioned: true without appKey/nwkKey. If TTS already has a complete device with that id and the
//   tags' EUIs (an earlier attempt), only the tags are updated; another device with that id is a Conflict
//   failure. Tags already provisioned (the engine's own writes coming back) are ignored, so nothing loops.
// - deleteDeviceIdentity → the device is deleted from TTS AS, NS, JS, IS; already gone counts as done.
// Events of one device are processed one after another in the order given; different devices in parallel.
class IngestEventProcessor : public QObject
{
    Q_OBJECT

public:
    struct Statistics
    {
        quint64 downlinks = 0;
        quint64 duplicatesIgnored = 0; // repeated or older desired $version
        quint64 provisioned = 0;
        quint64 deleted = 0;
        quint64 ignored = 0; // all Ignored outcomes (duplicates included)
        quint64 failed = 0;
    };

    // Neither client is owned; both must outlive the processor.
    IngestEventProcessor(TtsClient *tts, IotHubServiceClient *hub, QObject *parent = nullptr);
    ~IngestEventProcessor() override;

    // Written into the IS/JS records of devices created from tags (TtsClient's defaults when empty).
    void setServerAddresses(const TtsClient::ServerAddresses &addresses);

    QFuture<IngestOutcome> process(const IngestEvent &event);

    // The last desired $version that produced a downlink (or was found to need none), per device; the
    // engine may persist and restore it. -1 if unknown.
    qint64 lastDesiredVersion(const QString &deviceId) const;
    void setLastDesiredVersion(const QString &deviceId, qint64 version);

    Statistics statistics() const { return m_statistics; }

    // --- the pure mapping, public for tests ---

    // The downlink asked for by a desired-properties section (or patch), and whether it replaces the queue.
    // nullopt: nothing to send (no decodedPayload object and no frame payload). Errors (InvalidInput, code
    // "InvalidDesiredDownlink") name the property: "properties.desired.rawDownlink.framePayload: …".
    struct DownlinkRequest
    {
        TtsDownlink downlink;
        bool replace = false;
    };
    static Result<std::optional<DownlinkRequest>> downlinkFromDesired(const QJsonObject &desired);

    // What the tags ask for: nullopt when there is no tags.lorawan object or it is already provisioned
    // (provisioned: true), else the device to create (or an error naming the tag).
    static Result<std::optional<TtsEndDevice>> deviceFromTags(const QString &deviceId, const QJsonObject &tags);
    // {"lorawan":{"provisioned":true,"appKey":null,"nwkKey":null}}: the tags patch after creation.
    static QJsonObject provisionedTagsPatch();

signals:
    // Every outcome, for the live feed.
    void eventProcessed(const TwinBridge::IngestEvent &event, const TwinBridge::IngestOutcome &outcome);

private:
    struct Job;
    struct DeviceQueue;

    void startNext(const QString &deviceId);
    void run(const std::shared_ptr<Job> &job);
    void runTwinChange(const std::shared_ptr<Job> &job);
    void provisionFromTwin(const std::shared_ptr<Job> &job);
    void createInTts(const std::shared_ptr<Job> &job, const TtsEndDevice &device);
    void adoptExisting(const std::shared_ptr<Job> &job, const TtsEndDevice &device, const ServiceError &conflict);
    void markProvisioned(const std::shared_ptr<Job> &job);
    void sendDownlink(const std::shared_ptr<Job> &job);
    void runDelete(const std::shared_ptr<Job> &job);
    void finish(const std::shared_ptr<Job> &job, IngestOutcome outcome);

    QPointer<TtsClient> m_tts;
    QPointer<IotHubServiceClient> m_hub;
    TtsClient::ServerAddresses m_addresses;
    QHash<QString, qint64> m_desiredVersions;
    QSet<QString> m_createdInTts; // created by this processor, tags not yet confirmed provisioned
    QHash<QString, std::shared_ptr<DeviceQueue>> m_queues;
    Statistics m_statistics;
};

} // namespace TwinBridge
