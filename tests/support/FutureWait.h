#pragma once

#include <QFuture>
#include <QTest>

namespace TwinBridge::Test {

// Processes events until `future` finishes (or `timeoutMs` passes) and returns whether it finished. For
// QVERIFY(await(f)) in tests of asynchronous services: it waits on the real event, never sleeps.
template<typename T>
bool await(const QFuture<T> &future, int timeoutMs = 10000)
{
    return QTest::qWaitFor([&future] { return future.isFinished(); }, timeoutMs);
}

} // namespace TwinBridge::Test
