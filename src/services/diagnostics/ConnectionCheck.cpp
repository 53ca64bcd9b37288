#include "services/diagnostics/ConnectionCheck.h"

namespace TwinBridge {

QString ConnectionCheck::symbol(Status status)
{
    switch (status) {
    case Status::Pending:
        return {};
    case Status::Running:
        return QStringLiteral("…");
    case Status::Passed:
        return QStringLiteral("✓");
    case Status::Warning:
        return QStringLiteral("!");
    case Status::Failed:
        return QStringLiteral("✗");
    case Status::Skipped:
        return QStringLiteral("–");
    }
    return {};
}

QString ConnectionCheck::targetName(Target target)
{
    switch (target) {
    case Target::Tts:
        return tr("The Things Stack");
    case Target::IotHub:
        return tr("IoT Hub");
    case Target::Azure:
        return tr("Azure");
    }
    return {};
}

QString ConnectionCheck::statusName(Status status)
{
    switch (status) {
    case Status::Pending:
        return tr("Not checked yet");
    case Status::Running:
        return tr("Checking…");
    case Status::Passed:
        return tr("Passed");
    case Status::Warning:
        return tr("Warning");
    case Status::Failed:
        return tr("Failed");
    case Status::Skipped:
        return tr("Skipped");
    }
    return {};
}

ConnectionCheck::Status ConnectionReport::overall() const
{
    if (canceled || checks.isEmpty())
        return ConnectionCheck::Status::Skipped;
    bool warned = false;
    for (const ConnectionCheck &check : checks) {
        if (check.status == ConnectionCheck::Status::Failed)
            return ConnectionCheck::Status::Failed;
        warned = warned || check.status == ConnectionCheck::Status::Warning;
    }
    return warned ? ConnectionCheck::Status::Warning : ConnectionCheck::Status::Passed;
}

std::optional<ConnectionCheck> ConnectionReport::check(const QString &id) const
{
    for (const ConnectionCheck &check : checks) {
        if (check.id == id)
            return check;
    }
    return std::nullopt;
}

QString ConnectionReport::summary() const
{
    const QString name = ConnectionCheck::targetName(target);
    if (canceled)
        return ConnectionCheck::tr("%1: connection test canceled.").arg(name);
    for (const ConnectionCheck &check : checks) {
        if (check.status == ConnectionCheck::Status::Failed)
            return ConnectionCheck::tr("%1: %2 — %3").arg(name, check.title, check.sentence);
    }
    int passed = 0;
    for (const ConnectionCheck &check : checks)
        passed += check.status == ConnectionCheck::Status::Passed ? 1 : 0;
    if (overall() == ConnectionCheck::Status::Warning)
        return ConnectionCheck::tr("%1: connected, with warnings (%2 of %3 checks passed).")
            .arg(name)
            .arg(passed)
            .arg(checks.size());
    return ConnectionCheck::tr("%1: connected (%2 checks passed).").arg(name).arg(passed);
}

} // namespace TwinBridge
