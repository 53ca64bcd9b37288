#pragma once

#include "sandbox/arm/ArmExpressionContext.h"
#include "services/core/Result.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>

namespace TwinBridge::Sandbox {

// One ARM template language expression (reference/azure-protocols.md §5.3; Azure's "template functions"):
// the text of a template string "[…]" — a literal ('text' with '' for a quote, integers), a function call
// (name(args…), case-insensitive), member access (.name, case-insensitive like ARM's JSON) and indexes
// ([expr]) on the result. Strings starting with "[[" are literals with one bracket removed.
//
// The functions are the subset TwinBridge's template and templates compiled from Bicep need: parameters,
// variables, concat, format (.NET composite format: {0}, {0,-8}, {{ }}), toLower, toUpper, trim, replace,
// split, substring, length, first, last, skip, take, indexOf, lastIndexOf, startsWith, endsWith, padLeft,
// uniqueString, guid, base64, base64ToString, if (lazy), equals, not, and, or, less, lessOrEquals, greater,
// greaterOrEquals, empty, contains, coalesce, true, false, null, string, int, bool, json, array,
// createObject, createArray, union, add, sub, mul, div, mod, min, max, resourceGroup, subscription,
// deployment, environment, resourceId, subscriptionResourceId, reference, listKeys (any list* action).
// Unknown functions and wrong argument counts are found when parsing, so a template is refused before
// anything is deployed.
//
// uniqueString and guid are deterministic but NOT Azure's algorithms (Azure uses a MurmurHash64 variant that
// is not published): uniqueString is 13 characters from SHA-256 of the arguments joined with '-' (first a
// letter a–z, then base32 a–z2–7), guid a name-based UUID (version 5) of the same text. Only stability
// matters to templates: the same inputs always give the same names.
//
// Errors are ServiceErrors (kind InvalidInput) with code InvalidTemplate and a message naming the function
// and the problem; DeferredCode marks values that only exist while the deployment runs (reference/listKeys of
// resources the template itself creates, during validation).
class ArmExpression
{
public:
    static constexpr char DeferredCode[] = "DeferredEvaluation";
    static constexpr char InvalidTemplateCode[] = "InvalidTemplate";
    static constexpr int MaxLength = 24576; // ARM's limit for one expression
    static constexpr int MaxDepth = 64; // nesting of calls, members and indexes
    static constexpr int MaxResultSize = 4 * 1024 * 1024; // characters of one string result (ARM: 4 MB templates)

    ArmExpression();
    ~ArmExpression();
    ArmExpression(const ArmExpression &other);
    ArmExpression &operator=(const ArmExpression &other);

    // "[…]" that does not start with "[[".
    static bool isExpression(const QString &templateString);
    // A JSON string that isExpression(): a value only the deployment can tell.
    static bool isExpressionValue(const QJsonValue &value);
    // "[[…]" → "[…]"; anything else unchanged.
    static QString unescapeLiteral(const QString &templateString);

    // Parses a whole template string "[…]" or the bare expression inside the brackets.
    static Result<ArmExpression> parse(const QString &text);

    Result<QJsonValue> evaluate(ArmExpressionContext &context) const;
    // A template string: an expression is evaluated, "[[…" is unescaped, other text is returned as is.
    static Result<QJsonValue> evaluateString(const QString &templateString, ArmExpressionContext &context);

    QString text() const { return m_text; } // without the outer brackets
    // Lower-case names of every function this expression calls.
    QStringList functions() const;

    static QStringList supportedFunctions();
    static bool isSupportedFunction(const QString &name);

    static QString uniqueString(const QStringList &parts);
    static QString guid(const QStringList &parts);
    // ARM's type names for messages: String, Integer, Boolean, Object, Array, Null.
    static QString typeName(const QJsonValue &value);
    // string() of ARM: strings unchanged, numbers as integers where whole, True/False, JSON for the rest.
    static QString toText(const QJsonValue &value);

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
    QString m_text;
};

} // namespace TwinBridge::Sandbox
