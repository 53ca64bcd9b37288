#pragma once

#include "services/core/ServiceError.h"

#include <QString>
#include <QStringList>

namespace TwinBridge {

// What IngestEventProcessor did with one event, so the engine can acknowledge the outbox record (Done,
// Ignored, or Failed without retry) or keep it for another attempt (Failed with `retryable`).
struct IngestOutcome
{
    enum class Kind { Done, Ignored, Failed };

    Kind kind = Kind::Done;
    // What was done: "downlink-push", "downlink-replace", "provision", "delete" (several for one event, in
    // order). Empty when nothing was.
    QStringList actions;
    // Why nothing (more) was done, for Ignored: "duplicate desired $version 7 (last 7)", "nothing to send", …
    QString reason;
    ServiceError error; // for Failed
    bool retryable = false; // for Failed: the same event may succeed later (network, throttling, 5xx)

    bool isDone() const { return kind == Kind::Done; }
    bool isIgnored() const { return kind == Kind::Ignored; }
    bool isFailed() const { return kind == Kind::Failed; }
    // Remove the outbox record: everything but a retryable failure.
    bool shouldAcknowledge() const { return !(isFailed() && retryable); }

    static IngestOutcome done(QStringList actions);
    static IngestOutcome ignored(QString reason, QStringList actions = {});
    static IngestOutcome failed(ServiceError error, QStringList actions = {});

    static QString kindName(Kind kind);
};

} // namespace TwinBridge
