#pragma once

#include "sandbox/hub/HubTypes.h"
#include "services/core/Result.h"

#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

namespace TwinBridge::Sandbox {

// The condition of an IoT Hub route, in the routing query language (reference/azure-protocols.md §4.1,
// S-RQS and the "Expressions and conditions" part of the IoT Hub query language):
//   - literals: true, false, null, undefined, numbers (decimal, 0x hex), 'strings' or "strings" with the
//     escapes \' \" \\ \uXXXX;
//   - $body.a.b[0].c (JSON body; only when content type is application/json and content encoding
//     UTF-8/16/32, otherwise undefined), $contentType, $contentEncoding, $connectionDeviceId, … (system
//     properties; an unknown $name falls back to the application property of that name), bare names for
//     application properties (case-insensitive; names may contain '-' and '.', so `a-b` is a name and a
//     subtraction needs spaces);
//   - = != <> < <= > >=, + - * / %, AND OR NOT, parentheses;
//   - functions (case-insensitive): IS_ARRAY, IS_BOOL, IS_DEFINED, IS_NULL, IS_NUMBER, IS_OBJECT,
//     IS_PRIMITIVE, IS_STRING, AS_NUMBER, ABS, CEILING, EXP, FLOOR, POWER, SIGN, SQRT, SQUARE, CONCAT, LENGTH,
//     LOWER, UPPER, SUBSTRING, INDEX_OF, STARTS_WITH, ENDS_WITH, CONTAINS.
// Evaluation is three-valued like IoT Hub's: anything that does not apply (a missing property, mixed types
// in a comparison) is undefined, and a route matches only when its condition is Boolean true.
// `$twin` references are not emulated: parse() rejects them with a message saying so.
class RouteCondition
{
public:
    // Sandbox limits that keep the recursive parser and evaluator within a small stack: parentheses,
    // function calls, NOT and unary minus nest at most MaxNestingDepth deep, and the syntax tree (operators
    // included) is at most MaxHeight levels tall.
    static constexpr int MaxNestingDepth = 64;
    static constexpr int MaxHeight = 256;
    static constexpr int MaxLength = 8192;

    // The message a condition looks at; its JSON body is decoded at most once for all routes.
    class Input
    {
    public:
        explicit Input(const HubMessage &message);

        const HubMessage &message() const { return m_message; }
        // `$keyword` (without the '$'): the system property, else the application property "$keyword".
        QJsonValue systemProperty(const QString &keyword) const;
        // A bare name: the application property (case-insensitive), else undefined.
        QJsonValue applicationProperty(const QString &name) const;
        // The decoded body, or undefined when it may not be queried (content type/encoding) or is not JSON.
        QJsonValue body() const;

    private:
        const HubMessage &m_message;
        mutable std::optional<QJsonValue> m_body;
    };

    struct Node;

    // The condition "true".
    RouteCondition();

    // InvalidInput error "Route condition error at position N: …" (N counts characters from 1); the
    // position is also in the error's payload ({"position": N}).
    static Result<RouteCondition> parse(const QString &text);

    QString text() const { return m_text; }

    // The value of the whole expression (Undefined when it does not apply).
    QJsonValue evaluate(const Input &input) const;
    // True only when the expression is Boolean true.
    bool matches(const Input &input) const;
    bool matches(const HubMessage &message) const;

private:
    std::shared_ptr<const Node> m_root;
    QString m_text;
};

} // namespace TwinBridge::Sandbox
