#pragma once

#include "services/core/Result.h"
#include "services/engine/IngestEvent.h"

#include <QFuture>
#include <QList>

namespace TwinBridge {

// Where IngestServer puts an accepted batch before it answers ("persist, answer, then process"). The
// engine's implementation writes the events to the durable outbox; the server answers 200 only once the
// returned future holds a success, and 503 with Retry-After otherwise, so the Azure Function sends the
// batch again. The future must finish on the server's thread (or be ready at once).
class IngestSink
{
public:
    virtual ~IngestSink();

    virtual QFuture<Status> persist(const QList<IngestEvent> &events) = 0;
};

} // namespace TwinBridge
