#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace TwinBridge {

// One named step of a connection test ("API key accepted", "RegistryWrite right") with its outcome and one
// sentence a user can act on. `id` is stable ("tts.apiKey", "hub.right.RegistryWrite") for tests and code;
// `title` and `sentence` are translated. Never carries a secret.
class ConnectionCheck
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::ConnectionCheck)

public:
    // What a test talks to; also the three lights of the main window's status bar.
    enum class Target { Tts, IotHub, Azure };
    Q_ENUM(Target)

    // Pending: not started yet. Running: in progress. Warning: works, with a caveat the sentence names.
    // Skipped: not checked, the sentence says why (an earlier step failed, the test was canceled…).
    enum class Status { Pending, Running, Passed, Warning, Failed, Skipped };
    Q_ENUM(Status)

    QString id;
    QString title;
    Status status = Status::Pending;
    QString sentence;
    QString detail; // the service's own text, for a details pane; no secret

    bool operator==(const ConnectionCheck &) const = default;

    // "✓", "✗", "!", "–", "…" or "" (pending).
    static QString symbol(Status status);
    // "The Things Stack", "IoT Hub", "Azure".
    static QString targetName(Target target);
    static QString statusName(Status status);
};

// The outcome of one connection test: every check in the order the test declared them.
struct ConnectionReport
{
    ConnectionCheck::Target target = ConnectionCheck::Target::Tts;
    QList<ConnectionCheck> checks;
    bool canceled = false;

    // Failed if any check failed, else Warning if any warned, else Passed (Skipped when canceled or empty).
    ConnectionCheck::Status overall() const;
    std::optional<ConnectionCheck> check(const QString &id) const;
    // One sentence for a status bar: "The Things Stack: all 10 checks passed." or the first failure.
    QString summary() const;
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::ConnectionCheck)
Q_DECLARE_METATYPE(TwinBridge::ConnectionReport)
