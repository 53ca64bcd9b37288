#include "services/engine/IngestSink.h"

namespace TwinBridge {

IngestSink::~IngestSink() = default;

} // namespace TwinBridge
