#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace TwinBridge {

// One line of the engine's live feed (the console's live-data view, twinbridged's log): what happened, when,
// to which device, a one-line summary a user reads and the JSON detail a user can expand. Never holds a
// secret. The engine emits them in batches (Engine::eventsReady, ≈4 Hz).
struct EngineEvent
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::EngineEvent)

public:
    enum class Kind {
        UplinkForwarded, // an uplink reached the hub (D2C message and/or reported patch confirmed)
        Join, // a join accept was forwarded
        DownlinkEvent, // a down/queued|sent|ack|nack|failed|invalidated message was forwarded
        LocationOrServiceData, // location/solved or service/data forwarded
        IdentityCreated, // a hub identity was created on demand
        TwinChange, // an ingest event (desired or tags change, lifecycle) was processed
        DownlinkScheduled, // a desired change became a TTS downlink
        DeviceProvisioned, // a hub device was created in the four TTS registries
        DeviceDeleted, // a hub device deletion removed the TTS device
        Error, // something failed (the summary says what and what happens next; detail "source" says where)
        Lifecycle, // the engine started, stopped, connected, lost a connection
    };

    // detail["source"] of an Error event: the part that failed, so that the console can tell which side is at
    // fault without guessing from the rest of the detail.
    struct ErrorSource
    {
        static constexpr QLatin1String TtsMqtt {"ttsMqtt"}; // the TTS subscription (key, TLS, unreachable, lost)
        static constexpr QLatin1String TtsMessage {"ttsMessage"}; // one message from TTS was dropped
        static constexpr QLatin1String TtsRest {"ttsRest"}; // acting on an ingest event in TTS (downlink, devices)
        static constexpr QLatin1String HubRest {"hubRest"}; // the hub's service REST (identities)
        static constexpr QLatin1String HubMqtt {"hubMqtt"}; // forwarding as the device (D2C, reported patch)
        static constexpr QLatin1String Ingest {"ingest"}; // the ingest endpoint refused a request
        static constexpr QLatin1String Outbox {"outbox"}; // the durable outbox (storage, unreadable records)
        static constexpr QLatin1String Engine {"engine"}; // the engine itself (start)
    };

    QDateTime time; // UTC
    QString deviceId; // empty for engine-wide events
    Kind kind = Kind::Lifecycle;
    QString summary; // translated, one line
    QJsonObject detail;

    // Stable names: "uplinkForwarded", "join", … (JSON, filters).
    static QString kindName(Kind kind);
    // Translated labels for the console ("Uplink forwarded", …).
    static QString kindDisplayName(Kind kind);

    // {"time","deviceId","kind","summary","detail"}
    QJsonObject toJson() const;

    bool operator==(const EngineEvent &) const = default;
};

using EngineEvents = QList<EngineEvent>;

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::EngineEvent)
