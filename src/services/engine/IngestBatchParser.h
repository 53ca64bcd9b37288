#pragma once

#include "services/core/Result.h"
#include "services/engine/IngestEvent.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace TwinBridge {

// Validates the body of an events request (AzureIoTHubEvents, reference/tts-integration.md §2.5–2.6):
//   {"events":[{"end_device_ids":{"device_id":"…","application_ids":{"application_id":"…"}},
//               "body":{…},"properties":{…}}, …]}
// `events` needs at least one item and at most MaxEvents; each needs end_device_ids with a valid device_id
// (and, if given, the URL's application id), an object body, and properties whose opType is one of
// createDeviceIdentity, deleteDeviceIdentity, updateTwin, replaceTwin and whose deviceId, if given, equals
// device_id. Errors are InvalidInput (code "InvalidIngestBatch") whose message names the event and field,
// e.g. "events[2].properties.opType: \"patchTwin\" is not one of …", ready for a 400 answer.
class IngestBatchParser
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::IngestBatchParser)

public:
    static constexpr int MaxEvents = 1000;

    static Result<QList<IngestEvent>> parse(const QByteArray &body, const QString &applicationId);
};

} // namespace TwinBridge
