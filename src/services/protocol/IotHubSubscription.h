#pragma once

#include "services/core/Result.h"
#include "services/protocol/IotHubTopic.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace TwinBridge {

// The four topic filters a device may SUBSCRIBE to (reference/azure-protocols.md §1.4). IoT Hub accepts only
// these: `#` only as the trailing wildcard, no `+`, no other topics. A device may hold five subscriptions.
class IotHubSubscription
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::IotHubSubscription)

public:
    enum class Kind {
        CloudToDevice, // devices/{deviceId}/messages/devicebound/#
        TwinResponses, // $iothub/twin/res/#
        DesiredPropertyUpdates, // $iothub/twin/PATCH/properties/desired/#
        DirectMethods, // $iothub/methods/POST/#
    };

    static constexpr int MaxSubscriptionsPerDevice = 5;

    // The filter string for `kind`; `deviceId` is needed for CloudToDevice only.
    static QString filter(Kind kind, const QString &deviceId = {});

    // Which of the four filters `filter` is, for a client connected as `deviceId`. Anything else — another
    // device's C2D topic, `+`, a `#` that is not the trailing wildcard, a topic without a wildcard — is an
    // InvalidInput error that lists the accepted filters.
    static Result<Kind> classify(const QString &filter, const QString &deviceId);

    // The subscription that receives messages on a topic of this kind, if any (the sandbox's routing):
    // CloudToDevice → CloudToDevice, TwinResponse → TwinResponses, TwinDesiredPatch → DesiredPropertyUpdates,
    // MethodRequest → DirectMethods. Device-to-cloud kinds have none.
    static std::optional<Kind> kindForTopic(IotHubTopic::Kind topicKind);

    static QString kindName(Kind kind);
};

} // namespace TwinBridge
