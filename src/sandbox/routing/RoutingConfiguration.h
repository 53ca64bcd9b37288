#pragma once

#include "sandbox/hub/HubTypes.h"
#include "services/core/Result.h"
#include "services/iothub/HubThrottle.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace TwinBridge::Sandbox {

// The routing of one emulated hub, in the shape of ARM's `properties.routing` (reference/azure-protocols.md
// §4.1) plus what stands behind the custom endpoints in the sandbox: the Event Hubs (partition count) and
// the Function App that reads them (tts-integration.md §2.5). The admin API reads and replaces it as JSON:
//
//   { "endpoints": { "eventHubs": [ { "name": "StackEvents", "entityPath": "Events" } ] },
//     "routes": [ { "name": "TTSTwinChangeEvents", "source": "TwinChangeEvents",
//                   "condition": "IS_OBJECT($body.properties.desired) OR IS_OBJECT($body.tags)",
//                   "endpointNames": ["StackEvents"], "isEnabled": true }, … ],
//     "fallbackRoute": { "name": "FallbackRoute", "source": "DeviceMessages", "condition": "true",
//                        "endpointNames": ["events"], "isEnabled": true },
//     "eventHubPartitionCount": 4,
//     "function": { "name": "SubmitEvents", "eventHubName": "Events", "maxBatchSize": 10,
//                   "retryInitialDelayMs": 1000, "retryMaxDelayMs": 60000,
//                   "appSettings": { "STACK_BASE_URL": "http://127.0.0.1:P/api/v3",
//                                    "STACK_APPLICATION_ID": "demo-app", "STACK_API_KEY": "NNSXS.…" } } }
//
// An endpoint names its Event Hub by `entityPath` or by a `connectionString` with `EntityPath=`.
struct RoutingConfiguration
{
    // The built-in endpoint every hub has.
    static constexpr char BuiltInEndpoint[] = "events";

    struct EventHubEndpoint
    {
        QString name;
        QString entityPath; // the Event Hub in the sandbox that receives what is routed here
        QString connectionString; // kept as given (optional)

        bool operator==(const EventHubEndpoint &other) const = default;
    };

    struct Route
    {
        QString name;
        RoutingSource source = RoutingSource::DeviceMessages;
        QString condition = QStringLiteral("true");
        QStringList endpointNames;
        bool isEnabled = true;

        bool operator==(const Route &other) const = default;
    };

    struct FunctionApp
    {
        QString name = QStringLiteral("SubmitEvents");
        QString eventHubName = QStringLiteral("Events");
        int maxBatchSize = 10; // Event Hubs trigger default (eventProcessorOptions.maxBatchSize)
        std::chrono::milliseconds retryInitialDelay {1000};
        std::chrono::milliseconds retryMaxDelay {60000};
        QMap<QString, QString> appSettings; // STACK_BASE_URL, STACK_APPLICATION_ID, STACK_API_KEY

        bool operator==(const FunctionApp &other) const = default;
    };

    QList<EventHubEndpoint> eventHubEndpoints;
    QList<Route> routes;
    std::optional<Route> fallbackRoute;
    int eventHubPartitionCount = 4;
    std::optional<FunctionApp> function;

    bool operator==(const RoutingConfiguration &other) const = default;

    // Validates like IoT Hub and the sandbox do (names, sources, conditions, endpoint references, limits of
    // the SKU); the error names the offending field, e.g. "routes[1].condition: Route condition error at
    // position 12: …".
    static Result<RoutingConfiguration> fromJson(const QJsonObject &json, HubSku sku = HubSku::S1);
    QJsonObject toJson() const;
    Status validate(HubSku sku = HubSku::S1) const;

    // What TTS's deployment template creates (tts-integration.md §2.4/§2.5): endpoint StackEvents → Event
    // Hub "Events", routes TTSTwinChangeEvents (desired or tags changed) and TTSDeviceLifecycleEvents, the
    // optional fallback route to the built-in endpoint, and the SubmitEvents function with its app settings.
    static RoutingConfiguration ttsTemplate(const QString &stackBaseUrl, const QString &applicationId,
                                            const QString &apiKey, bool fallbackRoute = true);
    // A hub without routes: telemetry goes to the built-in endpoint, events nowhere.
    static RoutingConfiguration empty();

    const EventHubEndpoint *endpoint(const QString &name) const;

    static QString sourceName(RoutingSource source);
    static std::optional<RoutingSource> parseSource(const QString &name);
    // "EntityPath=…" of an Event Hubs connection string, or empty.
    static QString entityPathOf(const QString &connectionString);
};

} // namespace TwinBridge::Sandbox
