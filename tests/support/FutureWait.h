#pragma once

#include "services/core/Result.h"

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

// Waits the same way and returns the result. A future that does not finish in time (or ends without a result)
// fails the test right here and gives a Backend error, so the test's own checks cannot pass by accident.
template<typename T>
Result<T> awaitResult(const QFuture<Result<T>> &future, int timeoutMs = 5000)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), timeoutMs); }();
    if (!future.isFinished() || future.resultCount() == 0)
        return ServiceError(ServiceError::Kind::Backend, QStringLiteral("future did not finish"));
    return future.result();
}

} // namespace TwinBridge::Test
