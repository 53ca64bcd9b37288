// IotHubConnectionString::parse on arbitrary text. Accepted strings round-trip through toString(); every
// error is InvalidInput and never contains the SharedAccessKey value of the input.

#include "FuzzCheck.h"

#include "services/protocol/IotHubConnectionString.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace TwinBridge;

namespace {

// Key-like values after every "SharedAccessKey=" and "sig=" in the input: at least 16 characters of the
// base64 alphabet with a digit, '+', '/' or '%' among them (so that no word of the fixed error texts, such as
// "SharedAccessKeyName", counts), occurring exactly once in the input (a value that is also, say, the host
// name may legitimately be quoted for that other part).
QStringList secretsIn(const QString &text)
{
    QStringList secrets;
    for (const QString &prefix : {QStringLiteral("SharedAccessKey="), QStringLiteral("sig=")}) {
        qsizetype from = 0;
        while ((from = text.indexOf(prefix, from)) >= 0) {
            from += prefix.size();
            qsizetype end = from;
            while (end < text.size() && text.at(end) != QLatin1Char(';') && text.at(end) != QLatin1Char('&'))
                ++end;
            const QString value = text.mid(from, end - from);
            const bool keyAlphabet = std::all_of(value.begin(), value.end(), [](QChar c) {
                return c.isLetterOrNumber() || c == QLatin1Char('+') || c == QLatin1Char('/') ||
                    c == QLatin1Char('=') || c == QLatin1Char('%');
            });
            const bool notAWord = std::any_of(value.begin(), value.end(), [](QChar c) {
                return c.isDigit() || c == QLatin1Char('+') || c == QLatin1Char('/') || c == QLatin1Char('%');
            });
            if (value.size() >= 16 && keyAlphabet && notAWord && text.count(value) == 1)
                secrets.append(value);
        }
    }
    return secrets;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = IotHubConnectionString::parse(text);
    if (!parsed) {
        const ServiceError &error = parsed.error();
        FUZZ_CHECK(error.kind() == ServiceError::Kind::InvalidInput);
        FUZZ_CHECK(error.code() == QLatin1String("InvalidConnectionString"));
        for (const QString &secret : secretsIn(text))
            FUZZ_CHECK(!error.message().contains(secret));
        return 0;
    }
    const IotHubConnectionString &cs = parsed.value();
    FUZZ_CHECK(!cs.hostName().isEmpty());
    FUZZ_CHECK(cs.usesSharedAccessSignature() != !cs.sharedAccessKey().isEmpty());
    FUZZ_CHECK(cs.kind() == IotHubConnectionString::Kind::Hub || !cs.deviceId().isEmpty());

    const auto again = IotHubConnectionString::parse(cs.toString());
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value() == cs);
    FUZZ_CHECK(again.value().toString() == cs.toString());

    const QString redacted = cs.redacted();
    FUZZ_CHECK(redacted.contains(cs.usesSharedAccessSignature() ? QStringLiteral("SharedAccessSignature=…")
                                                                : QStringLiteral("SharedAccessKey=…")));
    FUZZ_CHECK(IotHubConnectionString::parseHub(text).ok() == (cs.kind() == IotHubConnectionString::Kind::Hub));
    FUZZ_CHECK(IotHubConnectionString::parseDevice(text).ok() == (cs.kind() == IotHubConnectionString::Kind::Device));
    return 0;
}
