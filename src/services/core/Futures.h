#pragma once

#include "services/core/Result.h"

#include <QFuture>
#include <QPromise>

#include <memory>
#include <type_traits>

// The few QFuture/QPromise helpers every service uses: finished futures for answers known at once (a
// validation error, a cached value), and a shared promise for chains whose result fans out or is produced by
// several steps in sequence (a QFuture takes only one continuation in Qt 6.4).
namespace TwinBridge::Futures {

// A finished future holding `value`.
template<typename T>
QFuture<T> ready(T value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

// A finished QFuture<Result<T>>; T is named so that an error converts: readyResult<AccessToken>(error).
template<typename T>
QFuture<Result<T>> readyResult(Result<T> result)
{
    return ready(std::move(result));
}

template<typename T>
using SharedPromise = std::shared_ptr<QPromise<T>>;

template<typename T>
SharedPromise<T> startedPromise()
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    return promise;
}

// Resolves a started promise once; later calls are ignored (a canceled or already finished promise stays as is).
template<typename T>
void fulfil(QPromise<T> &promise, std::type_identity_t<T> value)
{
    if (promise.future().isFinished())
        return;
    if (!promise.future().isCanceled())
        promise.addResult(std::move(value));
    promise.finish();
}

template<typename T>
void fulfil(const SharedPromise<T> &promise, std::type_identity_t<T> value)
{
    if (promise)
        fulfil(*promise, std::move(value));
}

} // namespace TwinBridge::Futures
