#pragma once

#include "services/core/Result.h"

#include <QFuture>
#include <QPromise>

#include <memory>

// Small helpers for the QPromise-based chains of the Azure clients. A QFuture takes only one continuation
// (Qt 6.4), so whenever a result fans out or several steps run in sequence, a shared promise collects it.
namespace TwinBridge::AzureFutures {

template<typename T>
using SharedPromise = std::shared_ptr<QPromise<T>>;

template<typename T>
SharedPromise<T> startedPromise()
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    return promise;
}

// Resolves the promise once; later calls are ignored (a canceled or already finished promise stays as is).
template<typename T>
void fulfil(const SharedPromise<T> &promise, T value)
{
    if (!promise || promise->future().isFinished())
        return;
    if (!promise->future().isCanceled())
        promise->addResult(std::move(value));
    promise->finish();
}

template<typename T>
QFuture<Result<T>> ready(Result<T> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

} // namespace TwinBridge::AzureFutures
