#include "services/net/RetryPolicy.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace TwinBridge {

std::chrono::milliseconds RetryPolicy::delayFor(int attempt, double random01) const
{
    const double base = double(initialDelay.count()) * std::pow(multiplier, std::max(0, attempt - 1));
    const double capped = std::min(base, double(maxDelay.count()));
    const double factor = 1.0 - jitter + 2.0 * jitter * std::clamp(random01, 0.0, 1.0);
    return std::chrono::milliseconds(qint64(std::llround(capped * factor)));
}

RetryPolicy RetryPolicy::none()
{
    RetryPolicy policy;
    policy.maxAttempts = 1;
    policy.retryTransportErrors = false;
    return policy;
}

std::optional<std::chrono::milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qlonglong seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional(std::chrono::milliseconds(seconds * 1000)) : std::nullopt;
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return std::chrono::milliseconds(std::max<qint64>(0, nowUtc.msecsTo(when)));
}

} // namespace TwinBridge
