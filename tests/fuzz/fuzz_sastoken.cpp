// SasToken::parse on arbitrary text; for every token it accepts: signing its resource again yields a token
// that parses back to the same resource and verifies with the same key, and the token covers its own resource.

#include "FuzzCheck.h"

#include "services/protocol/SasToken.h"

#include <QDateTime>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace TwinBridge;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = SasToken::parse(text);
    if (!parsed) {
        FUZZ_CHECK(parsed.error().kind() == ServiceError::Kind::InvalidInput);
        FUZZ_CHECK(!parsed.error().message().isEmpty());
        return 0;
    }
    const SasToken &token = parsed.value();
    FUZZ_CHECK(!token.encodedResource().isEmpty());
    FUZZ_CHECK(token.expiry() >= 0);

    static const QByteArray key("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    (void)token.verify(key, now); // any outcome, but no crash or sanitizer report

    QString trimmed = token.resource();
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    if (!trimmed.isEmpty())
        FUZZ_CHECK(token.covers(token.resource()));

    const QString resigned = SasToken::sign(token.resource(), key, token.expiry(), token.keyName());
    const auto again = SasToken::parse(resigned);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value().resource() == token.resource());
    FUZZ_CHECK(again.value().keyName() == token.keyName());
    FUZZ_CHECK(again.value().expiry() == token.expiry());
    FUZZ_CHECK(again.value().verify(key, QDateTime::fromSecsSinceEpoch(token.expiry(), Qt::UTC)).ok());
    return 0;
}
