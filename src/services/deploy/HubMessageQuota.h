#pragma once

#include "services/iothub/HubThrottle.h"

#include <QtGlobal>

namespace TwinBridge {

// IoT Hub's daily message quota (azure-protocols.md §6): per unit, 8,000 on F1 (0.5 KB metering), 400,000 on
// B1/S1, 6,000,000 on B2/S2, 300,000,000 on B3/S3 (4 KB metering). Exceeding it is 403002 IotHubQuotaExceeded.
// Complements HubThrottle, whose limits are per second or minute.
namespace HubMessageQuota {

constexpr qint64 perUnitPerDay(HubSku sku)
{
    switch (sku) {
    case HubSku::F1:
        return 8'000;
    case HubSku::B1:
    case HubSku::S1:
        return 400'000;
    case HubSku::B2:
    case HubSku::S2:
        return 6'000'000;
    case HubSku::B3:
    case HubSku::S3:
        return 300'000'000;
    }
    return 0;
}

constexpr qint64 perDay(HubSku sku, int units)
{
    return perUnitPerDay(sku) * (sku == HubSku::F1 ? 1 : qMax(units, 1));
}

} // namespace HubMessageQuota

} // namespace TwinBridge
