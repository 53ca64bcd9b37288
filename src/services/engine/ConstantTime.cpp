#include "services/engine/ConstantTime.h"

#include <QCryptographicHash>

namespace TwinBridge {

bool ConstantTime::equals(QByteArrayView expected, QByteArrayView given)
{
    // Hashing first makes the comparison independent of both lengths; the digests always have 32 bytes.
    const QByteArray a = QCryptographicHash::hash(expected, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(given, QCryptographicHash::Sha256);
    return equalBytes(a, b);
}

bool ConstantTime::equalBytes(QByteArrayView a, QByteArrayView b)
{
    const qsizetype length = qMax(a.size(), b.size());
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < length; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        difference |= static_cast<unsigned char>(x ^ y);
    }
    // Read through a volatile so the compiler cannot turn the loop into an early-exit memcmp.
    volatile unsigned char result = difference;
    return result == 0;
}

} // namespace TwinBridge
