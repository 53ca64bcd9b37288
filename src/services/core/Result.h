#pragma once

#include "services/core/ServiceError.h"

#include <utility>
#include <variant>

namespace TwinBridge {

// A value or a ServiceError. Every asynchronous service call resolves to a QFuture<Result<T>>, so the
// caller always gets either what it asked for or a typed error with a sentence it can show.
template<typename T>
class Result
{
public:
    Result()
        : m_data(ServiceError(ServiceError::Kind::Backend, QStringLiteral("no result")))
    {
    }
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(ServiceError error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const { return std::get<0>(m_data); }
    T &value() { return std::get<0>(m_data); }
    T takeValue() { return std::move(std::get<0>(m_data)); }
    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

    const ServiceError &error() const
    {
        static const ServiceError none;
        return ok() ? none : std::get<1>(m_data);
    }

private:
    std::variant<T, ServiceError> m_data;
};

// For operations that return nothing but may fail.
struct Done
{
};
using Status = Result<Done>;

} // namespace TwinBridge
