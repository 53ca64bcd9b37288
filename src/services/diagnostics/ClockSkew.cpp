#include "services/diagnostics/ClockSkew.h"

#include <QLocale>

#include <cstdlib>

namespace TwinBridge {

std::optional<QDateTime> ClockSkew::parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value.trimmed());
    if (text.size() != 29 || !text.endsWith(QLatin1String(" GMT")))
        return std::nullopt;
    QDateTime parsed = QLocale::c().toDateTime(text.left(25), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!parsed.isValid())
        return std::nullopt;
    parsed.setTimeSpec(Qt::UTC);
    return parsed;
}

std::chrono::seconds ClockSkew::offset(const QDateTime &server, const QDateTime &local)
{
    return std::chrono::seconds(server.secsTo(local));
}

bool ClockSkew::exceedsTolerance(std::chrono::seconds offset)
{
    return std::chrono::abs(offset) > Tolerance;
}

QString ClockSkew::describe(std::chrono::seconds offset, const QString &serverName)
{
    const qint64 seconds = std::llabs(offset.count());
    QString amount;
    if (seconds < 120)
        amount = tr("%1 s").arg(seconds);
    else if (seconds < 2 * 3600)
        amount = tr("%1 min").arg(seconds / 60);
    else if (seconds < 2 * 86400)
        amount = tr("%1 h").arg(seconds / 3600);
    else
        amount = tr("%1 days").arg(seconds / 86400);
    if (offset.count() == 0)
        return tr("This computer's clock agrees with %1's.").arg(serverName);
    return offset.count() > 0 ? tr("This computer's clock is %1 ahead of %2's.").arg(amount, serverName)
                              : tr("This computer's clock is %1 behind %2's.").arg(amount, serverName);
}

} // namespace TwinBridge
