#include "services/engine/MessageFilter.h"

#include "services/engine/UplinkTranslator.h"

namespace TwinBridge {

MessageFilter MessageFilter::defaultTelemetry()
{
    return MessageFilter(TtsMessageType::Uplink);
}

MessageFilter MessageFilter::defaultReported()
{
    return MessageFilter(UplinkTranslator::reportedMappedTypes());
}

QStringList MessageFilter::toNames() const
{
    return ttsMessageTypeNames(m_types);
}

MessageFilter MessageFilter::fromNames(const QStringList &names, QStringList *unknown)
{
    return MessageFilter(ttsMessageTypesFromNames(names, unknown));
}

} // namespace TwinBridge
