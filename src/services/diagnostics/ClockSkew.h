#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace TwinBridge {

// Compares this computer's clock with a server's HTTP `Date` header. IoT Hub checks SAS token expiry against
// its own clock (the SDKs allow five minutes of skew), so a clock that is several minutes off makes freshly
// signed tokens look expired — a 401 that no key fixes.
class ClockSkew
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::ClockSkew)

public:
    static constexpr std::chrono::minutes Tolerance {5};

    // RFC 9110 §5.6.7 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (the only form servers may send); nothing for
    // anything else.
    static std::optional<QDateTime> parseHttpDate(const QByteArray &value);
    // How far the local clock is ahead of the server's (negative: behind), to the second.
    static std::chrono::seconds offset(const QDateTime &server, const QDateTime &local);
    static bool exceedsTolerance(std::chrono::seconds offset);
    // "7 minutes ahead of", "2 hours behind" … the server's clock: the sentence for a check.
    static QString describe(std::chrono::seconds offset, const QString &serverName);
};

} // namespace TwinBridge
