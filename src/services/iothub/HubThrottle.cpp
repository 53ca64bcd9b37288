#include "services/iothub/HubThrottle.h"

#include "services/core/Logging.h"
#include "services/core/RateLimiter.h"

#include <QStringList>

#include <algorithm>

namespace TwinBridge {

namespace {

constexpr HubThrottle::Operation AllOperations[] = {
    HubThrottle::Operation::Registry, HubThrottle::Operation::TwinRead,      HubThrottle::Operation::TwinUpdate,
    HubThrottle::Operation::Query,    HubThrottle::Operation::NewConnection, HubThrottle::Operation::DeviceToCloud,
};

QString figure(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace

double HubThrottle::Limits::natural(Operation operation) const
{
    switch (operation) {
    case Operation::Registry:
        return registryPerMinute;
    case Operation::TwinRead:
        return twinReadsPerSecond;
    case Operation::TwinUpdate:
        return twinUpdatesPerSecond;
    case Operation::Query:
        return queriesPerMinute;
    case Operation::NewConnection:
        return newConnectionsPerSecond;
    case Operation::DeviceToCloud:
        return deviceToCloudPerSecond;
    }
    return 0;
}

double HubThrottle::Limits::perSecond(Operation operation) const
{
    const double value = natural(operation);
    return isPerMinute(operation) ? value / 60.0 : value;
}

double HubThrottle::Limits::burst(Operation operation) const
{
    // One minute's worth for per-minute limits (so a 100-device bulk request fits on 1 × S1), one second's
    // worth for per-second limits; never below one token.
    return std::max(1.0, natural(operation));
}

HubThrottle::Limits HubThrottle::limitsFor(HubSku sku, int units)
{
    const double u = std::clamp(units, 1, maxUnits(sku));
    Limits limits;
    // reference/azure-protocols.md §6, first table (all tiers).
    switch (sku) {
    case HubSku::F1:
    case HubSku::B1:
    case HubSku::S1:
        limits.registryPerMinute = 100 * u;
        limits.newConnectionsPerSecond = std::max(100.0, 12 * u);
        limits.deviceToCloudPerSecond = std::max(100.0, 12 * u);
        limits.queriesPerMinute = 20 * u;
        break;
    case HubSku::B2:
    case HubSku::S2:
        limits.registryPerMinute = 100 * u;
        limits.newConnectionsPerSecond = 120 * u;
        limits.deviceToCloudPerSecond = 120 * u;
        limits.queriesPerMinute = 20 * u;
        break;
    case HubSku::B3:
    case HubSku::S3:
        limits.registryPerMinute = 5000 * u;
        limits.newConnectionsPerSecond = 6000 * u;
        limits.deviceToCloudPerSecond = 6000 * u;
        limits.queriesPerMinute = 1000 * u;
        break;
    }
    // Second table (Free and Standard only; Basic hubs have no twins).
    switch (sku) {
    case HubSku::F1:
    case HubSku::S1:
        limits.twinReadsPerSecond = 100;
        limits.twinUpdatesPerSecond = 50;
        break;
    case HubSku::S2:
        limits.twinReadsPerSecond = std::max(100.0, 10 * u);
        limits.twinUpdatesPerSecond = std::max(50.0, 5 * u);
        break;
    case HubSku::S3:
        limits.twinReadsPerSecond = 500 * u;
        limits.twinUpdatesPerSecond = 250 * u;
        break;
    case HubSku::B1:
    case HubSku::B2:
    case HubSku::B3:
        break;
    }
    return limits;
}

std::optional<HubSku> HubThrottle::parseSku(const QString &text)
{
    QString name = text.trimmed().toUpper();
    for (const QLatin1String prefix : {QLatin1String("STANDARD_"), QLatin1String("BASIC_"), QLatin1String("FREE_")}) {
        if (name.startsWith(prefix))
            name = name.mid(prefix.size());
    }
    if (name == QLatin1String("FREE"))
        return HubSku::F1;
    for (HubSku sku : {HubSku::F1, HubSku::B1, HubSku::B2, HubSku::B3, HubSku::S1, HubSku::S2, HubSku::S3}) {
        if (name == skuName(sku))
            return sku;
    }
    return std::nullopt;
}

QString HubThrottle::skuName(HubSku sku)
{
    switch (sku) {
    case HubSku::F1:
        return QStringLiteral("F1");
    case HubSku::B1:
        return QStringLiteral("B1");
    case HubSku::B2:
        return QStringLiteral("B2");
    case HubSku::B3:
        return QStringLiteral("B3");
    case HubSku::S1:
        return QStringLiteral("S1");
    case HubSku::S2:
        return QStringLiteral("S2");
    case HubSku::S3:
        return QStringLiteral("S3");
    }
    return QStringLiteral("S1");
}

int HubThrottle::maxUnits(HubSku sku)
{
    // reference/azure-protocols.md §6: up to 200 units for B1/B2/S1/S2, 10 for B3/S3; Free has one.
    switch (sku) {
    case HubSku::F1:
        return 1;
    case HubSku::B3:
    case HubSku::S3:
        return 10;
    default:
        return 200;
    }
}

bool HubThrottle::hasTwins(HubSku sku)
{
    return sku == HubSku::F1 || sku == HubSku::S1 || sku == HubSku::S2 || sku == HubSku::S3;
}

bool HubThrottle::isPerMinute(Operation operation)
{
    return operation == Operation::Registry || operation == Operation::Query;
}

QString HubThrottle::operationName(Operation operation)
{
    switch (operation) {
    case Operation::Registry:
        return tr("registry operations");
    case Operation::TwinRead:
        return tr("twin reads");
    case Operation::TwinUpdate:
        return tr("twin updates");
    case Operation::Query:
        return tr("queries");
    case Operation::NewConnection:
        return tr("new device connections");
    case Operation::DeviceToCloud:
        return tr("device-to-cloud messages");
    }
    return {};
}

TwinBridge::Status HubThrottle::validateUnits(HubSku sku, int units)
{
    if (units >= 1 && units <= maxUnits(sku))
        return Done{};
    return ServiceError::invalidInput(
        maxUnits(sku) == 1
            ? tr("A %1 hub always has exactly one unit.").arg(skuName(sku))
            : tr("A %1 hub has between 1 and %2 units, not %3.").arg(skuName(sku)).arg(maxUnits(sku)).arg(units),
        QStringLiteral("InvalidHubUnits"));
}

HubThrottle::HubThrottle(HubSku sku, int units, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
    , m_sku(sku)
    , m_units(std::clamp(units, 1, maxUnits(sku)))
    , m_limits(limitsFor(m_sku, m_units))
{
    for (Operation operation : AllOperations) {
        m_limiters[size_t(operation)] =
            new RateLimiter(m_limits.perSecond(operation), m_limits.burst(operation), m_clock, this);
    }
}

HubThrottle::~HubThrottle() = default;

void HubThrottle::configure(HubSku sku, int units)
{
    const int clamped = std::clamp(units, 1, maxUnits(sku));
    if (sku == m_sku && clamped == m_units)
        return;
    m_sku = sku;
    m_units = clamped;
    m_limits = limitsFor(m_sku, m_units);
    applyRates();
    qCInfo(lcThrottle).noquote() << "hub throttle set to" << description();
    emit configurationChanged();
}

void HubThrottle::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    applyRates();
    qCInfo(lcThrottle) << "hub throttle" << (enabled ? "enabled" : "disabled");
    emit configurationChanged();
}

void HubThrottle::setRateShare(double share)
{
    share = std::clamp(share, 0.01, 1.0);
    if (share == m_rateShare)
        return;
    m_rateShare = share;
    applyRates();
}

void HubThrottle::applyRates()
{
    for (Operation operation : AllOperations) {
        const double rate = m_enabled ? m_limits.perSecond(operation) * m_rateShare : 0.0;
        // Per-minute limits keep a whole minute's worth: a 100-device bulk import needs 100 tokens at once.
        const double burst =
            isPerMinute(operation) ? m_limits.burst(operation) : std::max(1.0, m_limits.burst(operation) * m_rateShare);
        m_limiters[size_t(operation)]->setRate(rate, burst);
    }
}

RateLimiter *HubThrottle::limiter(Operation operation) const
{
    return m_limiters[size_t(operation)];
}

QString HubThrottle::limitText(Operation operation) const
{
    const double value = m_limits.natural(operation);
    if (value <= 0)
        return tr("no %1 (not available on the %2 tier)").arg(operationName(operation), skuName(m_sku));
    return isPerMinute(operation) ? tr("%1 %2 per minute").arg(figure(value), operationName(operation))
                                  : tr("%1 %2 per second").arg(figure(value), operationName(operation));
}

QString HubThrottle::configurationName() const
{
    return tr("%1 × %2").arg(skuName(m_sku)).arg(m_units);
}

QString HubThrottle::description() const
{
    auto perSecond = [](double value) { return tr("%1/s").arg(figure(value)); };
    auto perMinute = [](double value) { return tr("%1/min").arg(figure(value)); };
    QStringList parts;
    parts << tr("registry %1").arg(perMinute(m_limits.registryPerMinute));
    if (hasTwins(m_sku)) {
        parts << tr("twin reads %1").arg(perSecond(m_limits.twinReadsPerSecond));
        parts << tr("twin updates %1").arg(perSecond(m_limits.twinUpdatesPerSecond));
    } else {
        parts << tr("no twins on Basic tiers");
    }
    parts << tr("queries %1").arg(perMinute(m_limits.queriesPerMinute));
    parts << tr("new connections %1").arg(perSecond(m_limits.newConnectionsPerSecond));
    parts << tr("D2C %1").arg(perSecond(m_limits.deviceToCloudPerSecond));
    QString text = configurationName() + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
    if (!m_enabled)
        text += QLatin1Char(' ') + tr("(limits off)");
    return text;
}

} // namespace TwinBridge
