#include "services/engine/IngestOutcome.h"

namespace TwinBridge {

IngestOutcome IngestOutcome::done(QStringList actions)
{
    IngestOutcome outcome;
    outcome.kind = Kind::Done;
    outcome.actions = std::move(actions);
    return outcome;
}

IngestOutcome IngestOutcome::ignored(QString reason, QStringList actions)
{
    IngestOutcome outcome;
    outcome.kind = Kind::Ignored;
    outcome.reason = std::move(reason);
    outcome.actions = std::move(actions);
    return outcome;
}

IngestOutcome IngestOutcome::failed(ServiceError error, QStringList actions)
{
    IngestOutcome outcome;
    outcome.kind = Kind::Failed;
    outcome.retryable = error.isTransient();
    outcome.error = std::move(error);
    outcome.actions = std::move(actions);
    return outcome;
}

QString IngestOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Done:
        return QStringLiteral("done");
    case Kind::Ignored:
        return QStringLiteral("ignored");
    case Kind::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

} // namespace TwinBridge
