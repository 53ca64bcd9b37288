#pragma once

#include <QByteArrayView>

namespace TwinBridge {

// Comparisons of secrets whose duration does not depend on where the inputs differ (nor on the length of
// the expected value): both sides are hashed with SHA-256 and the digests compared without an early exit.
class ConstantTime
{
public:
    static bool equals(QByteArrayView expected, QByteArrayView given);
    // The same for two buffers of equal length; false (still after a full pass) if the lengths differ.
    static bool equalBytes(QByteArrayView a, QByteArrayView b);
};

} // namespace TwinBridge
