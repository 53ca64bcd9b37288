#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QObject>
#include <QString>

#include <array>
#include <optional>

namespace TwinBridge {

class RateLimiter;

// IoT Hub tiers. Free (F1) has one unit; Basic tiers have no twins, queries on twins or C2D.
enum class HubSku { F1, B1, B2, B3, S1, S2, S3 };

// The per-hub operation throttles IoT Hub applies for a tier and unit count (reference/azure-protocols.md §6,
// S-QT 2023), as one RateLimiter per class of operation, so that the engine paces itself instead of running
// into 429s. Per-minute limits get a burst of one minute's worth, per-second limits one second's worth:
// IoT Hub accepts short bursts and shapes traffic above the limit (§6 "Traffic shaping").
class HubThrottle : public QObject
{
    Q_OBJECT

public:
    enum class Operation {
        Registry, // identity registry create/get/update/delete/list; each device of a bulk request
        TwinRead, // GET /twins/{id}
        TwinUpdate, // PATCH/PUT /twins/{id}
        Query, // POST /devices/query, per page
        NewConnection, // device MQTT CONNECTs
        DeviceToCloud, // D2C messages
    };
    static constexpr int OperationCount = 6;

    // The figures of §6 for one tier and unit count. Rates of 0 mean "not available on this tier" (twins on
    // Basic hubs).
    struct Limits
    {
        double registryPerMinute = 0;
        double twinReadsPerSecond = 0;
        double twinUpdatesPerSecond = 0;
        double queriesPerMinute = 0;
        double newConnectionsPerSecond = 0;
        double deviceToCloudPerSecond = 0;

        double perSecond(Operation operation) const;
        // The figure in its natural unit (per minute for registry and queries, per second otherwise).
        double natural(Operation operation) const;
        double burst(Operation operation) const;

        bool operator==(const Limits &other) const = default;
    };

    static Limits limitsFor(HubSku sku, int units);
    static std::optional<HubSku> parseSku(const QString &text); // "S1", "s1", "Standard_S1", "Free" …
    static QString skuName(HubSku sku);
    static int maxUnits(HubSku sku);
    static bool hasTwins(HubSku sku);
    static bool isPerMinute(Operation operation);
    // "registry operations", "twin updates", … (translated).
    static QString operationName(Operation operation);
    static TwinBridge::Status validateUnits(HubSku sku, int units);

    explicit HubThrottle(HubSku sku = HubSku::S1, int units = 1, Clock *clock = Clock::system(),
                         QObject *parent = nullptr);
    ~HubThrottle() override;

    // Units outside the tier's range are clamped (see validateUnits() for a message).
    void configure(HubSku sku, int units);
    HubSku sku() const { return m_sku; }
    int units() const { return m_units; }
    Limits limits() const { return m_limits; }

    // False turns every limit off (benchmarks, a sandbox without throttles).
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // The share of the documented rates the limiters grant (default 1, clamped to (0, 1]), and of the bursts of
    // per-second limits (per-minute limits keep a minute's worth, so that a 100-device bulk request fits). The
    // engine runs a little under the hub's figures: the hub meters arrivals, and requests sent at the limit
    // bunch up on the way (a delayed burst arrives together with what follows it).
    void setRateShare(double share);
    double rateShare() const { return m_rateShare; }

    RateLimiter *limiter(Operation operation) const;

    // "100 registry operations per minute" for the current configuration.
    QString limitText(Operation operation) const;
    // "S1 × 2"
    QString configurationName() const;
    // "S1 × 2: registry 200/min, twin reads 100/s, twin updates 50/s, queries 40/min, new connections
    // 100/s, D2C 100/s" (plus "(limits off)" when disabled).
    QString description() const;

signals:
    void configurationChanged();

private:
    void applyRates();

    Clock *m_clock;
    HubSku m_sku;
    int m_units;
    Limits m_limits;
    bool m_enabled = true;
    std::array<RateLimiter *, OperationCount> m_limiters{};
    double m_rateShare = 1.0;
};

} // namespace TwinBridge
