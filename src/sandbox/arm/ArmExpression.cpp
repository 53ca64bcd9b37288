#include "sandbox/arm/ArmExpression.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ArmExpression", text);
}

ServiceError templateError(const QString &message)
{
    ServiceError error = ServiceError::invalidInput(message);
    error.setCode(QLatin1String(ArmExpression::InvalidTemplateCode));
    return error;
}

} // namespace

// --- the syntax tree -------------------------------------------------------------------------------------

struct ArmExpression::Node
{
    enum class Kind { Literal, Call, Member, Index };
    Kind kind = Kind::Literal;
    QJsonValue literal;
    QString name; // Call: the function (lower case); Member: the property
    QString spelling; // Call: the function as written
    std::vector<std::shared_ptr<const Node>> children; // Call: arguments; Member: target; Index: target, index
    int position = 0; // 1-based, in the expression text
};

QJsonObject ArmExpressionContext::environment() const
{
    // The public cloud (AzureCloud) as environment() returns it; templates mostly read suffixes.storage.
    return QJsonObject {
        {QStringLiteral("name"), QStringLiteral("AzureCloud")},
        {QStringLiteral("gallery"), QStringLiteral("https://gallery.azure.com/")},
        {QStringLiteral("graph"), QStringLiteral("https://graph.windows.net/")},
        {QStringLiteral("portal"), QStringLiteral("https://portal.azure.com")},
        {QStringLiteral("graphAudience"), QStringLiteral("https://graph.windows.net/")},
        {QStringLiteral("activeDirectoryDataLake"), QStringLiteral("https://datalake.azure.net/")},
        {QStringLiteral("batch"), QStringLiteral("https://batch.core.windows.net/")},
        {QStringLiteral("media"), QStringLiteral("https://rest.media.azure.net")},
        {QStringLiteral("sqlManagement"), QStringLiteral("https://management.core.windows.net:8443/")},
        {QStringLiteral("vmImageAliasDoc"),
         QStringLiteral("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/"
                        "quickstart-templates/aliases.json")},
        {QStringLiteral("resourceManager"), QStringLiteral("https://management.azure.com/")},
        {QStringLiteral("authentication"),
         QJsonObject {{QStringLiteral("loginEndpoint"), QStringLiteral("https://login.microsoftonline.com/")},
                      {QStringLiteral("audiences"),
                       QJsonArray {QStringLiteral("https://management.core.windows.net/"),
                                   QStringLiteral("https://management.azure.com/")}},
                      {QStringLiteral("tenant"), QStringLiteral("common")},
                      {QStringLiteral("identityProvider"), QStringLiteral("AAD")}}},
        {QStringLiteral("suffixes"),
         QJsonObject {
             {QStringLiteral("acrLoginServer"), QStringLiteral(".azurecr.io")},
             {QStringLiteral("azureDatalakeAnalyticsCatalogAndJob"), QStringLiteral("azuredatalakeanalytics.net")},
             {QStringLiteral("azureDatalakeStoreFileSystem"), QStringLiteral("azuredatalakestore.net")},
             {QStringLiteral("azureFrontDoorEndpointSuffix"), QStringLiteral("azurefd.net")},
             {QStringLiteral("keyvaultDns"), QStringLiteral(".vault.azure.net")},
             {QStringLiteral("sqlServerHostname"), QStringLiteral(".database.windows.net")},
             {QStringLiteral("storage"), QStringLiteral("core.windows.net")}}},
    };
}

// --- parser ----------------------------------------------------------------------------------------------

namespace {

using NodePtr = std::shared_ptr<const ArmExpression::Node>;
using Node = ArmExpression::Node;

struct FunctionSpec
{
    int minArgs = 0;
    int maxArgs = 0; // -1: any number
};

const QHash<QString, FunctionSpec> &functionTable()
{
    static const QHash<QString, FunctionSpec> table = {
        {QStringLiteral("parameters"), {1, 1}},
        {QStringLiteral("variables"), {1, 1}},
        {QStringLiteral("concat"), {0, -1}},
        {QStringLiteral("format"), {1, -1}},
        {QStringLiteral("tolower"), {1, 1}},
        {QStringLiteral("toupper"), {1, 1}},
        {QStringLiteral("trim"), {1, 1}},
        {QStringLiteral("replace"), {3, 3}},
        {QStringLiteral("split"), {2, 2}},
        {QStringLiteral("substring"), {2, 3}},
        {QStringLiteral("length"), {1, 1}},
        {QStringLiteral("first"), {1, 1}},
        {QStringLiteral("last"), {1, 1}},
        {QStringLiteral("skip"), {2, 2}},
        {QStringLiteral("take"), {2, 2}},
        {QStringLiteral("indexof"), {2, 2}},
        {QStringLiteral("lastindexof"), {2, 2}},
        {QStringLiteral("startswith"), {2, 2}},
        {QStringLiteral("endswith"), {2, 2}},
        {QStringLiteral("padleft"), {2, 3}},
        {QStringLiteral("uniquestring"), {1, -1}},
        {QStringLiteral("guid"), {1, -1}},
        {QStringLiteral("base64"), {1, 1}},
        {QStringLiteral("base64tostring"), {1, 1}},
        {QStringLiteral("if"), {3, 3}},
        {QStringLiteral("equals"), {2, 2}},
        {QStringLiteral("not"), {1, 1}},
        {QStringLiteral("and"), {2, -1}},
        {QStringLiteral("or"), {2, -1}},
        {QStringLiteral("less"), {2, 2}},
        {QStringLiteral("lessorequals"), {2, 2}},
        {QStringLiteral("greater"), {2, 2}},
        {QStringLiteral("greaterorequals"), {2, 2}},
        {QStringLiteral("empty"), {1, 1}},
        {QStringLiteral("contains"), {2, 2}},
        {QStringLiteral("coalesce"), {1, -1}},
        {QStringLiteral("true"), {0, 0}},
        {QStringLiteral("false"), {0, 0}},
        {QStringLiteral("null"), {0, 0}},
        {QStringLiteral("string"), {1, 1}},
        {QStringLiteral("int"), {1, 1}},
        {QStringLiteral("bool"), {1, 1}},
        {QStringLiteral("json"), {1, 1}},
        {QStringLiteral("array"), {1, 1}},
        {QStringLiteral("createobject"), {0, -1}},
        {QStringLiteral("createarray"), {0, -1}},
        {QStringLiteral("union"), {1, -1}},
        {QStringLiteral("add"), {2, 2}},
        {QStringLiteral("sub"), {2, 2}},
        {QStringLiteral("mul"), {2, 2}},
        {QStringLiteral("div"), {2, 2}},
        {QStringLiteral("mod"), {2, 2}},
        {QStringLiteral("min"), {1, -1}},
        {QStringLiteral("max"), {1, -1}},
        {QStringLiteral("resourcegroup"), {0, 0}},
        {QStringLiteral("subscription"), {0, 0}},
        {QStringLiteral("deployment"), {0, 0}},
        {QStringLiteral("environment"), {0, 0}},
        {QStringLiteral("resourceid"), {2, -1}},
        {QStringLiteral("subscriptionresourceid"), {2, -1}},
        {QStringLiteral("reference"), {1, 3}},
    };
    return table;
}

// list*(resourceId, apiVersion[, functionValues]) — listKeys, listConnectionStrings, …
bool isListAction(const QString &lowerName)
{
    return lowerName.size() > 4 && lowerName.startsWith(QLatin1String("list"));
}

std::optional<FunctionSpec> specOf(const QString &lowerName)
{
    const auto it = functionTable().constFind(lowerName);
    if (it != functionTable().constEnd())
        return *it;
    if (isListAction(lowerName))
        return FunctionSpec {2, 3};
    return std::nullopt;
}

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    { }

    Result<NodePtr> parseAll()
    {
        skipSpace();
        if (atEnd())
            return error(tr("the expression is empty"));
        Result<NodePtr> root = parseExpression(0);
        if (!root)
            return root;
        skipSpace();
        if (!atEnd())
            return error(tr("unexpected '%1'; the expression should end here").arg(m_text.at(m_pos)));
        return root;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    ServiceError error(const QString &what) const
    {
        ServiceError result = templateError(tr("The language expression '%1' is not valid: %2 (at position %3).")
                                                .arg(m_text.left(300), what)
                                                .arg(std::min<qsizetype>(m_pos, m_text.size()) + 1));
        result.setPayload(
            QJsonObject {{QStringLiteral("position"), int(std::min<qsizetype>(m_pos, m_text.size()) + 1)}});
        return result;
    }

    QString found() const { return atEnd() ? tr("the end of the expression") : QStringLiteral("'%1'").arg(peek()); }

    Result<NodePtr> parseExpression(int depth)
    {
        if (depth > ArmExpression::MaxDepth)
            return error(tr("the expression nests more than %1 levels").arg(ArmExpression::MaxDepth));
        Result<NodePtr> primary = parsePrimary(depth);
        if (!primary)
            return primary;
        NodePtr current = primary.value();
        int chain = 0;
        for (;;) {
            skipSpace();
            if (peek() == QLatin1Char('.')) {
                if (++chain + depth > ArmExpression::MaxDepth * 2)
                    return error(tr("the expression has too many property accesses"));
                const int position = int(m_pos) + 1;
                ++m_pos;
                skipSpace();
                const qsizetype start = m_pos;
                while (!atEnd() &&
                       (peek().isLetterOrNumber() || peek() == QLatin1Char('_') || peek() == QLatin1Char('$')))
                    ++m_pos;
                if (m_pos == start)
                    return error(tr("expected a property name after '.', found %1").arg(found()));
                auto node = std::make_shared<Node>();
                node->kind = Node::Kind::Member;
                node->name = m_text.mid(start, m_pos - start);
                node->position = position;
                node->children.push_back(current);
                current = node;
            } else if (peek() == QLatin1Char('[')) {
                if (++chain + depth > ArmExpression::MaxDepth * 2)
                    return error(tr("the expression has too many indexes"));
                const int position = int(m_pos) + 1;
                ++m_pos;
                Result<NodePtr> index = parseExpression(depth + 1);
                if (!index)
                    return index;
                skipSpace();
                if (peek() != QLatin1Char(']'))
                    return error(tr("expected ']' after the index, found %1").arg(found()));
                ++m_pos;
                auto node = std::make_shared<Node>();
                node->kind = Node::Kind::Index;
                node->position = position;
                node->children.push_back(current);
                node->children.push_back(index.value());
                current = node;
            } else {
                return current;
            }
        }
    }

    Result<NodePtr> parsePrimary(int depth)
    {
        skipSpace();
        if (atEnd())
            return error(tr("expected a value, found the end of the expression"));
        const QChar c = peek();
        const int position = int(m_pos) + 1;
        if (c == QLatin1Char('\''))
            return parseString();
        if (c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+'))
            return parseNumber();
        if (c.isLetter() || c == QLatin1Char('_')) {
            const qsizetype start = m_pos;
            while (!atEnd() && (peek().isLetterOrNumber() || peek() == QLatin1Char('_')))
                ++m_pos;
            const QString spelling = m_text.mid(start, m_pos - start);
            skipSpace();
            if (peek() == QLatin1Char('.')) {
                return error(tr("user-defined functions ('%1.…') are not supported; use the built-in template "
                                "functions")
                                 .arg(spelling));
            }
            if (peek() != QLatin1Char('(')) {
                return error(tr("'%1' is not a function call; ARM expressions write literals as 'text' or "
                                "numbers, true() and false()")
                                 .arg(spelling));
            }
            const QString name = spelling.toLower();
            const std::optional<FunctionSpec> spec = specOf(name);
            if (!spec) {
                ServiceError unknown = templateError(
                    tr("The template function '%1' is not valid: ARM knows no such function (in the expression "
                       "'%2', at position %3). Please see https://aka.ms/arm-functions for usage details.")
                        .arg(spelling, m_text.left(300))
                        .arg(position));
                unknown.setPayload(
                    QJsonObject {{QStringLiteral("position"), position}, {QStringLiteral("function"), spelling}});
                return unknown;
            }
            ++m_pos; // (
            auto node = std::make_shared<Node>();
            node->kind = Node::Kind::Call;
            node->name = name;
            node->spelling = spelling;
            node->position = position;
            skipSpace();
            if (peek() == QLatin1Char(')')) {
                ++m_pos;
            } else {
                for (;;) {
                    Result<NodePtr> argument = parseExpression(depth + 1);
                    if (!argument)
                        return argument;
                    node->children.push_back(argument.value());
                    skipSpace();
                    if (peek() == QLatin1Char(',')) {
                        ++m_pos;
                        continue;
                    }
                    if (peek() == QLatin1Char(')')) {
                        ++m_pos;
                        break;
                    }
                    return error(tr("expected ',' or ')' in the arguments of %1, found %2").arg(spelling, found()));
                }
            }
            const int count = int(node->children.size());
            if (count < spec->minArgs || (spec->maxArgs >= 0 && count > spec->maxArgs)) {
                QString expected;
                if (spec->maxArgs < 0)
                    expected = tr("at least %1").arg(spec->minArgs);
                else if (spec->minArgs == spec->maxArgs)
                    expected = QString::number(spec->minArgs);
                else
                    expected = tr("%1 to %2").arg(spec->minArgs).arg(spec->maxArgs);
                ServiceError wrong = templateError(
                    tr("The template function '%1' expects %2 argument(s) but got %3 (in the expression '%4', at "
                       "position %5).")
                        .arg(spelling, expected)
                        .arg(count)
                        .arg(m_text.left(300))
                        .arg(position));
                wrong.setPayload(
                    QJsonObject {{QStringLiteral("position"), position}, {QStringLiteral("function"), spelling}});
                return wrong;
            }
            return NodePtr(node);
        }
        return error(tr("unexpected '%1'").arg(c));
    }

    Result<NodePtr> parseString()
    {
        const int position = int(m_pos) + 1;
        ++m_pos; // opening quote
        QString value;
        for (;;) {
            if (atEnd())
                return error(tr("the string that starts at position %1 is not closed with '").arg(position));
            const QChar c = m_text.at(m_pos++);
            if (c == QLatin1Char('\'')) {
                if (peek() == QLatin1Char('\'')) {
                    value += QLatin1Char('\'');
                    ++m_pos;
                    continue;
                }
                break;
            }
            value += c;
        }
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::Literal;
        node->literal = value;
        node->position = position;
        return NodePtr(node);
    }

    Result<NodePtr> parseNumber()
    {
        const int position = int(m_pos) + 1;
        const qsizetype start = m_pos;
        if (peek() == QLatin1Char('-') || peek() == QLatin1Char('+'))
            ++m_pos;
        const qsizetype digits = m_pos;
        while (!atEnd() && peek().isDigit())
            ++m_pos;
        if (m_pos == digits)
            return error(tr("expected digits after the sign"));
        if (peek() == QLatin1Char('.'))
            return error(tr("only whole numbers are allowed (use json('1.5') for a fraction)"));
        bool ok = false;
        const qint64 value = m_text.mid(start, m_pos - start).toLongLong(&ok);
        if (!ok)
            return error(tr("the number is too large"));
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::Literal;
        node->literal = double(value);
        node->position = position;
        return NodePtr(node);
    }

    const QString &m_text;
    qsizetype m_pos = 0;
};

// --- evaluation helpers ----------------------------------------------------------------------------------

bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.3e18;
}

QJsonValue lookupMember(const QJsonObject &object, const QString &name, bool *found)
{
    const auto exact = object.constFind(name);
    if (exact != object.constEnd()) {
        *found = true;
        return *exact;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0) {
            *found = true;
            return it.value();
        }
    }
    *found = false;
    return {};
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

bool jsonEquals(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

class Evaluator
{
public:
    explicit Evaluator(ArmExpressionContext &context)
        : m_context(context)
    { }

    Result<QJsonValue> evaluate(const Node &node)
    {
        switch (node.kind) {
        case Node::Kind::Literal:
            return node.literal;
        case Node::Kind::Member:
            return member(node);
        case Node::Kind::Index:
            return index(node);
        case Node::Kind::Call:
            return call(node);
        }
        return QJsonValue();
    }

private:
    ServiceError fail(const Node &call, const QString &problem) const
    {
        return templateError(tr("Unable to evaluate the template function '%1': %2")
                                 .arg(call.spelling.isEmpty() ? call.name : call.spelling, problem));
    }

    Result<QJsonValue> member(const Node &node)
    {
        Result<QJsonValue> target = evaluate(*node.children.at(0));
        if (!target)
            return target;
        if (!target.value().isObject()) {
            return templateError(tr("The language expression property '%1' can't be evaluated: the value it is "
                                    "read from is of type '%2', not an object.")
                                     .arg(node.name, ArmExpression::typeName(target.value())));
        }
        const QJsonObject object = target.value().toObject();
        bool found = false;
        const QJsonValue value = lookupMember(object, node.name, &found);
        if (!found) {
            QStringList keys = object.keys();
            if (keys.size() > 30) {
                keys = keys.mid(0, 30);
                keys << QStringLiteral("…");
            }
            return templateError(tr("The language expression property '%1' doesn't exist, available properties are "
                                    "'%2'.")
                                     .arg(node.name, keys.join(QLatin1String(", "))));
        }
        return value;
    }

    Result<QJsonValue> index(const Node &node)
    {
        Result<QJsonValue> target = evaluate(*node.children.at(0));
        if (!target)
            return target;
        Result<QJsonValue> key = evaluate(*node.children.at(1));
        if (!key)
            return key;
        if (target.value().isArray()) {
            if (!isInteger(key.value())) {
                return templateError(tr("The language expression array index must be an integer, not '%1'.")
                                         .arg(ArmExpression::typeName(key.value())));
            }
            const QJsonArray array = target.value().toArray();
            const double i = key.value().toDouble();
            if (i < 0 || i >= array.size()) {
                return templateError(tr("The language expression property array index '%1' is out of bounds (the "
                                        "array has %2 elements).")
                                         .arg(qint64(i))
                                         .arg(array.size()));
            }
            return array.at(qsizetype(i));
        }
        if (target.value().isObject()) {
            if (!key.value().isString()) {
                return templateError(tr("The language expression property name must be a string, not '%1'.")
                                         .arg(ArmExpression::typeName(key.value())));
            }
            bool found = false;
            const QJsonValue value = lookupMember(target.value().toObject(), key.value().toString(), &found);
            if (!found) {
                return templateError(
                    tr("The language expression property '%1' doesn't exist, available properties "
                       "are '%2'.")
                        .arg(key.value().toString(), target.value().toObject().keys().join(QLatin1String(", "))));
            }
            return value;
        }
        return templateError(
            tr("The language expression index [%1] can't be applied to a value of type '%2'.")
                .arg(ArmExpression::toText(key.value()).left(100), ArmExpression::typeName(target.value())));
    }

    Result<QList<QJsonValue>> arguments(const Node &node)
    {
        QList<QJsonValue> values;
        values.reserve(qsizetype(node.children.size()));
        for (const NodePtr &child : node.children) {
            Result<QJsonValue> value = evaluate(*child);
            if (!value)
                return value.error();
            values.append(value.value());
        }
        return values;
    }

    Result<QString> stringArg(const Node &node, const QList<QJsonValue> &args, int i)
    {
        if (!args.at(i).isString()) {
            return fail(
                node, tr("argument %1 must be a string, not '%2'").arg(i + 1).arg(ArmExpression::typeName(args.at(i))));
        }
        return args.at(i).toString();
    }

    Result<qint64> intArg(const Node &node, const QList<QJsonValue> &args, int i)
    {
        if (!isInteger(args.at(i))) {
            return fail(
                node,
                tr("argument %1 must be an integer, not '%2'").arg(i + 1).arg(ArmExpression::typeName(args.at(i))));
        }
        return qint64(args.at(i).toDouble());
    }

    Result<bool> boolArg(const Node &node, const QList<QJsonValue> &args, int i)
    {
        if (!args.at(i).isBool()) {
            return fail(
                node,
                tr("argument %1 must be a Boolean, not '%2'").arg(i + 1).arg(ArmExpression::typeName(args.at(i))));
        }
        return args.at(i).toBool();
    }

    Result<QJsonValue> checkedString(const Node &node, const QString &value)
    {
        if (value.size() > ArmExpression::MaxResultSize)
            return fail(node, tr("the result is longer than %1 characters").arg(ArmExpression::MaxResultSize));
        return QJsonValue(value);
    }

    Result<QJsonValue> checkedArray(const Node &node, const QJsonArray &value)
    {
        if (value.size() > ArmExpression::MaxResultSize / 16)
            return fail(node, tr("the result has more than %1 elements").arg(ArmExpression::MaxResultSize / 16));
        return QJsonValue(value);
    }

    Result<QJsonValue> call(const Node &node)
    {
        const QString &name = node.name;
        // Lazy: only the chosen branch is evaluated (as ARM does), so if(cond, reference(…), null()) works.
        if (name == QLatin1String("if")) {
            Result<QJsonValue> condition = evaluate(*node.children.at(0));
            if (!condition)
                return condition;
            if (!condition.value().isBool()) {
                return fail(
                    node,
                    tr("the condition must be a Boolean, not '%1'").arg(ArmExpression::typeName(condition.value())));
            }
            return evaluate(*node.children.at(condition.value().toBool() ? 1 : 2));
        }
        if (name == QLatin1String("and") || name == QLatin1String("or")) {
            const bool isAnd = name == QLatin1String("and");
            for (const NodePtr &child : node.children) {
                Result<QJsonValue> value = evaluate(*child);
                if (!value)
                    return value;
                if (!value.value().isBool())
                    return fail(
                        node,
                        tr("every argument must be a Boolean, not '%1'").arg(ArmExpression::typeName(value.value())));
                if (value.value().toBool() != isAnd)
                    return QJsonValue(!isAnd);
            }
            return QJsonValue(isAnd);
        }

        Result<QList<QJsonValue>> evaluated = arguments(node);
        if (!evaluated)
            return evaluated.error();
        const QList<QJsonValue> &args = evaluated.value();

        if (name == QLatin1String("parameters") || name == QLatin1String("variables")) {
            Result<QString> key = stringArg(node, args, 0);
            if (!key)
                return key.error();
            return name == QLatin1String("parameters") ? m_context.parameter(key.value())
                                                       : m_context.variable(key.value());
        }
        if (name == QLatin1String("concat"))
            return concat(node, args);
        if (name == QLatin1String("format"))
            return format(node, args);
        if (name == QLatin1String("tolower") || name == QLatin1String("toupper") || name == QLatin1String("trim")) {
            Result<QString> text = stringArg(node, args, 0);
            if (!text)
                return text.error();
            if (name == QLatin1String("tolower"))
                return QJsonValue(text.value().toLower());
            if (name == QLatin1String("toupper"))
                return QJsonValue(text.value().toUpper());
            return QJsonValue(text.value().trimmed());
        }
        if (name == QLatin1String("replace")) {
            Result<QString> text = stringArg(node, args, 0);
            Result<QString> before = text ? stringArg(node, args, 1) : Result<QString>(text.error());
            Result<QString> after = before ? stringArg(node, args, 2) : Result<QString>(before.error());
            if (!after)
                return after.error();
            if (before.value().isEmpty())
                return fail(node, tr("the text to replace must not be empty"));
            const qsizetype occurrences = text.value().count(before.value());
            if (double(text.value().size()) +
                    double(occurrences) * double(after.value().size() - before.value().size()) >
                ArmExpression::MaxResultSize)
                return fail(node, tr("the result is longer than %1 characters").arg(ArmExpression::MaxResultSize));
            return QJsonValue(QString(text.value()).replace(before.value(), after.value()));
        }
        if (name == QLatin1String("split")) {
            Result<QString> text = stringArg(node, args, 0);
            if (!text)
                return text.error();
            QStringList delimiters;
            if (args.at(1).isString()) {
                delimiters << args.at(1).toString();
            } else if (args.at(1).isArray()) {
                for (const QJsonValue &d : args.at(1).toArray()) {
                    if (!d.isString())
                        return fail(node, tr("the delimiters must be strings"));
                    delimiters << d.toString();
                }
            } else {
                return fail(node, tr("the delimiter must be a string or an array of strings"));
            }
            delimiters.removeAll(QString());
            if (delimiters.isEmpty())
                return fail(node, tr("the delimiter must not be empty"));
            QJsonArray parts;
            QString current;
            const QString &source = text.value();
            qsizetype i = 0;
            while (i < source.size()) {
                bool matched = false;
                for (const QString &delimiter : std::as_const(delimiters)) {
                    if (source.mid(i, delimiter.size()) == delimiter) {
                        parts.append(current);
                        current.clear();
                        i += delimiter.size();
                        matched = true;
                        break;
                    }
                }
                if (!matched)
                    current += source.at(i++);
            }
            parts.append(current);
            return checkedArray(node, parts);
        }
        if (name == QLatin1String("substring")) {
            Result<QString> text = stringArg(node, args, 0);
            if (!text)
                return text.error();
            Result<qint64> start = intArg(node, args, 1);
            if (!start)
                return start.error();
            const qint64 size = text.value().size();
            qint64 length = size - start.value();
            if (args.size() > 2) {
                Result<qint64> given = intArg(node, args, 2);
                if (!given)
                    return given.error();
                length = given.value();
            }
            if (start.value() < 0 || start.value() > size)
                return fail(node,
                            tr("the start index %1 is outside the %2-character string").arg(start.value()).arg(size));
            if (length < 0 || start.value() + length > size) {
                return fail(node,
                            tr("the start index %1 and length %2 go past the end of the %3-character string")
                                .arg(start.value())
                                .arg(length)
                                .arg(size));
            }
            return QJsonValue(text.value().mid(start.value(), length));
        }
        if (name == QLatin1String("length")) {
            const QJsonValue &value = args.at(0);
            if (value.isString())
                return QJsonValue(double(value.toString().size()));
            if (value.isArray())
                return QJsonValue(double(value.toArray().size()));
            if (value.isObject())
                return QJsonValue(double(value.toObject().size()));
            return fail(
                node,
                tr("the argument must be a string, array or object, not '%1'").arg(ArmExpression::typeName(value)));
        }
        if (name == QLatin1String("first") || name == QLatin1String("last")) {
            const bool first = name == QLatin1String("first");
            const QJsonValue &value = args.at(0);
            if (value.isString()) {
                const QString text = value.toString();
                if (text.isEmpty())
                    return QJsonValue(QString());
                return QJsonValue(QString(first ? text.front() : text.back()));
            }
            if (value.isArray()) {
                const QJsonArray array = value.toArray();
                if (array.isEmpty())
                    return QJsonValue(QJsonValue::Null);
                return first ? array.first() : array.last();
            }
            return fail(node,
                        tr("the argument must be a string or an array, not '%1'").arg(ArmExpression::typeName(value)));
        }
        if (name == QLatin1String("skip") || name == QLatin1String("take")) {
            Result<qint64> count = intArg(node, args, 1);
            if (!count)
                return count.error();
            const bool skip = name == QLatin1String("skip");
            const QJsonValue &value = args.at(0);
            if (value.isString()) {
                const QString text = value.toString();
                const qsizetype n = qsizetype(std::clamp<qint64>(count.value(), 0, text.size()));
                return QJsonValue(skip ? text.mid(n) : text.left(n));
            }
            if (value.isArray()) {
                const QJsonArray array = value.toArray();
                const qsizetype n = qsizetype(std::clamp<qint64>(count.value(), 0, array.size()));
                QJsonArray result;
                for (qsizetype i = skip ? n : 0; i < (skip ? array.size() : n); ++i)
                    result.append(array.at(i));
                return QJsonValue(result);
            }
            return fail(
                node,
                tr("the first argument must be a string or an array, not '%1'").arg(ArmExpression::typeName(value)));
        }
        if (name == QLatin1String("indexof") || name == QLatin1String("lastindexof") ||
            name == QLatin1String("startswith") || name == QLatin1String("endswith")) {
            Result<QString> text = stringArg(node, args, 0);
            Result<QString> part = text ? stringArg(node, args, 1) : Result<QString>(text.error());
            if (!part)
                return part.error();
            // ARM compares these case-insensitively.
            if (name == QLatin1String("indexof"))
                return QJsonValue(double(text.value().indexOf(part.value(), 0, Qt::CaseInsensitive)));
            if (name == QLatin1String("lastindexof"))
                return QJsonValue(double(part.value().isEmpty()
                                             ? text.value().size() - 1
                                             : text.value().lastIndexOf(part.value(), -1, Qt::CaseInsensitive)));
            if (name == QLatin1String("startswith"))
                return QJsonValue(text.value().startsWith(part.value(), Qt::CaseInsensitive));
            return QJsonValue(text.value().endsWith(part.value(), Qt::CaseInsensitive));
        }
        if (name == QLatin1String("padleft")) {
            const QString text = ArmExpression::toText(args.at(0));
            Result<qint64> width = intArg(node, args, 1);
            if (!width)
                return width.error();
            if (width.value() > 16000)
                return fail(node, tr("the total length must not exceed 16000"));
            QChar pad = QLatin1Char(' ');
            if (args.size() > 2) {
                Result<QString> padding = stringArg(node, args, 2);
                if (!padding)
                    return padding.error();
                if (padding.value().size() != 1)
                    return fail(node, tr("the padding must be a single character"));
                pad = padding.value().front();
            }
            return QJsonValue(text.rightJustified(qsizetype(std::max<qint64>(width.value(), 0)), pad));
        }
        if (name == QLatin1String("uniquestring") || name == QLatin1String("guid")) {
            QStringList parts;
            for (int i = 0; i < args.size(); ++i) {
                Result<QString> part = stringArg(node, args, i);
                if (!part)
                    return part.error();
                parts << part.value();
            }
            return QJsonValue(name == QLatin1String("guid") ? ArmExpression::guid(parts)
                                                            : ArmExpression::uniqueString(parts));
        }
        if (name == QLatin1String("base64")) {
            Result<QString> text = stringArg(node, args, 0);
            if (!text)
                return text.error();
            return QJsonValue(QString::fromLatin1(text.value().toUtf8().toBase64()));
        }
        if (name == QLatin1String("base64tostring")) {
            Result<QString> text = stringArg(node, args, 0);
            if (!text)
                return text.error();
            const auto decoded =
                QByteArray::fromBase64Encoding(text.value().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(node, tr("the argument is not valid base64"));
            return QJsonValue(QString::fromUtf8(*decoded));
        }
        if (name == QLatin1String("equals"))
            return QJsonValue(jsonEquals(args.at(0), args.at(1)));
        if (name == QLatin1String("not")) {
            Result<bool> value = boolArg(node, args, 0);
            if (!value)
                return value.error();
            return QJsonValue(!value.value());
        }
        if (name == QLatin1String("less") || name == QLatin1String("lessorequals") ||
            name == QLatin1String("greater") || name == QLatin1String("greaterorequals")) {
            int order = 0;
            if (args.at(0).isDouble() && args.at(1).isDouble()) {
                const double a = args.at(0).toDouble();
                const double b = args.at(1).toDouble();
                order = a < b ? -1 : (a > b ? 1 : 0);
            } else if (args.at(0).isString() && args.at(1).isString()) {
                order = args.at(0).toString().compare(args.at(1).toString());
                order = order < 0 ? -1 : (order > 0 ? 1 : 0);
            } else {
                return fail(node,
                            tr("both arguments must be integers or both strings, not '%1' and '%2'")
                                .arg(ArmExpression::typeName(args.at(0)), ArmExpression::typeName(args.at(1))));
            }
            if (name == QLatin1String("less"))
                return QJsonValue(order < 0);
            if (name == QLatin1String("lessorequals"))
                return QJsonValue(order <= 0);
            if (name == QLatin1String("greater"))
                return QJsonValue(order > 0);
            return QJsonValue(order >= 0);
        }
        if (name == QLatin1String("empty")) {
            const QJsonValue &value = args.at(0);
            if (value.isNull() || value.isUndefined())
                return QJsonValue(true);
            if (value.isString())
                return QJsonValue(value.toString().isEmpty());
            if (value.isArray())
                return QJsonValue(value.toArray().isEmpty());
            if (value.isObject())
                return QJsonValue(value.toObject().isEmpty());
            return fail(
                node,
                tr("the argument must be a string, array or object, not '%1'").arg(ArmExpression::typeName(value)));
        }
        if (name == QLatin1String("contains")) {
            const QJsonValue &container = args.at(0);
            if (container.isString()) {
                const QString item = ArmExpression::toText(args.at(1));
                return QJsonValue(container.toString().contains(item)); // case-sensitive, as in ARM
            }
            if (container.isArray()) {
                for (const QJsonValue &element : container.toArray()) {
                    if (jsonEquals(element, args.at(1)))
                        return QJsonValue(true);
                }
                return QJsonValue(false);
            }
            if (container.isObject()) {
                if (!args.at(1).isString())
                    return fail(node, tr("the key to look for in an object must be a string"));
                bool found = false;
                lookupMember(container.toObject(), args.at(1).toString(), &found);
                return QJsonValue(found);
            }
            return fail(node,
                        tr("the first argument must be a string, array or object, not '%1'")
                            .arg(ArmExpression::typeName(container)));
        }
        if (name == QLatin1String("coalesce")) {
            for (const QJsonValue &value : args) {
                if (!value.isNull() && !value.isUndefined())
                    return value;
            }
            return QJsonValue(QJsonValue::Null);
        }
        if (name == QLatin1String("true"))
            return QJsonValue(true);
        if (name == QLatin1String("false"))
            return QJsonValue(false);
        if (name == QLatin1String("null"))
            return QJsonValue(QJsonValue::Null);
        if (name == QLatin1String("string"))
            return checkedString(node, ArmExpression::toText(args.at(0)));
        if (name == QLatin1String("int")) {
            const QJsonValue &value = args.at(0);
            if (isInteger(value))
                return value;
            if (value.isString()) {
                bool ok = false;
                const qint64 number = value.toString().trimmed().toLongLong(&ok);
                if (ok)
                    return QJsonValue(double(number));
            }
            return fail(node, tr("'%1' can't be converted to an integer").arg(ArmExpression::toText(value).left(100)));
        }
        if (name == QLatin1String("bool")) {
            const QJsonValue &value = args.at(0);
            if (value.isBool())
                return value;
            if (value.isString()) {
                if (value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
                    return QJsonValue(true);
                if (value.toString().compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
                    return QJsonValue(false);
            }
            if (isInteger(value))
                return QJsonValue(value.toDouble() != 0);
            return fail(node, tr("'%1' can't be converted to a Boolean").arg(ArmExpression::toText(value).left(100)));
        }
        if (name == QLatin1String("json")) {
            Result<QString> text = stringArg(node, args, 0);
            if (!text)
                return text.error();
            // QJsonDocument only parses objects and arrays: wrap the value to accept scalars too.
            QJsonParseError parseError;
            const QJsonDocument document =
                QJsonDocument::fromJson(QByteArray("[") + text.value().toUtf8() + QByteArray("]"), &parseError);
            if (parseError.error != QJsonParseError::NoError || document.array().size() != 1)
                return fail(node, tr("the argument is not a single valid JSON value"));
            return document.array().at(0);
        }
        if (name == QLatin1String("array")) {
            if (args.at(0).isArray())
                return args.at(0);
            return QJsonValue(QJsonArray {args.at(0)});
        }
        if (name == QLatin1String("createobject")) {
            if (args.size() % 2 != 0)
                return fail(node, tr("it needs pairs of key and value, but got %1 argument(s)").arg(args.size()));
            QJsonObject object;
            for (int i = 0; i < args.size(); i += 2) {
                Result<QString> key = stringArg(node, args, i);
                if (!key)
                    return key.error();
                object.insert(key.value(), args.at(i + 1));
            }
            return QJsonValue(object);
        }
        if (name == QLatin1String("createarray")) {
            QJsonArray array;
            for (const QJsonValue &value : args)
                array.append(value);
            return QJsonValue(array);
        }
        if (name == QLatin1String("union"))
            return unionOf(node, args);
        if (name == QLatin1String("add") || name == QLatin1String("sub") || name == QLatin1String("mul") ||
            name == QLatin1String("div") || name == QLatin1String("mod")) {
            Result<qint64> a = intArg(node, args, 0);
            Result<qint64> b = a ? intArg(node, args, 1) : Result<qint64>(a.error());
            if (!b)
                return b.error();
            const double x = double(a.value());
            const double y = double(b.value());
            if ((name == QLatin1String("div") || name == QLatin1String("mod")) && b.value() == 0)
                return fail(node, tr("division by zero"));
            double result = 0;
            if (name == QLatin1String("add"))
                result = x + y;
            else if (name == QLatin1String("sub"))
                result = x - y;
            else if (name == QLatin1String("mul"))
                result = x * y;
            else if (name == QLatin1String("div"))
                result = double(a.value() / b.value());
            else
                result = double(a.value() % b.value());
            if (std::abs(result) > 9.2e18)
                return fail(node, tr("the result is out of the integer range"));
            return QJsonValue(result);
        }
        if (name == QLatin1String("min") || name == QLatin1String("max")) {
            QList<QJsonValue> numbers = args;
            if (args.size() == 1 && args.at(0).isArray()) {
                numbers.clear();
                for (const QJsonValue &v : args.at(0).toArray())
                    numbers << v;
            }
            if (numbers.isEmpty())
                return fail(node, tr("it needs at least one integer"));
            double best = 0;
            for (qsizetype i = 0; i < numbers.size(); ++i) {
                if (!isInteger(numbers.at(i)))
                    return fail(
                        node,
                        tr("every value must be an integer, not '%1'").arg(ArmExpression::typeName(numbers.at(i))));
                const double v = numbers.at(i).toDouble();
                if (i == 0 || (name == QLatin1String("min") ? v < best : v > best))
                    best = v;
            }
            return QJsonValue(best);
        }
        if (name == QLatin1String("resourcegroup"))
            return QJsonValue(m_context.resourceGroup());
        if (name == QLatin1String("subscription"))
            return QJsonValue(m_context.subscription());
        if (name == QLatin1String("deployment"))
            return QJsonValue(m_context.deployment());
        if (name == QLatin1String("environment"))
            return QJsonValue(m_context.environment());
        if (name == QLatin1String("resourceid") || name == QLatin1String("subscriptionresourceid"))
            return resourceId(node, args, name == QLatin1String("subscriptionresourceid"));
        if (name == QLatin1String("reference")) {
            Result<QString> resource = stringArg(node, args, 0);
            if (!resource)
                return resource.error();
            QString apiVersion;
            if (args.size() > 1) {
                Result<QString> version = stringArg(node, args, 1);
                if (!version)
                    return version.error();
                apiVersion = version.value();
            }
            bool full = false;
            if (args.size() > 2) {
                Result<QString> mode = stringArg(node, args, 2);
                if (!mode)
                    return mode.error();
                if (mode.value().compare(QLatin1String("Full"), Qt::CaseInsensitive) != 0)
                    return fail(node, tr("the third argument can only be 'Full', not '%1'").arg(mode.value()));
                full = true;
            }
            return m_context.reference(resource.value(), apiVersion, full);
        }
        if (isListAction(name)) {
            Result<QString> resource = stringArg(node, args, 0);
            Result<QString> version = resource ? stringArg(node, args, 1) : Result<QString>(resource.error());
            if (!version)
                return version.error();
            return m_context.listAction(node.spelling, resource.value(), version.value());
        }
        return fail(node, tr("the function is not implemented"));
    }

    Result<QJsonValue> concat(const Node &node, const QList<QJsonValue> &args)
    {
        if (args.isEmpty())
            return QJsonValue(QString());
        const bool arrays = args.at(0).isArray();
        if (arrays) {
            QJsonArray result;
            for (const QJsonValue &value : args) {
                if (!value.isArray())
                    return fail(node, tr("either all or none of the arguments must be arrays"));
                for (const QJsonValue &element : value.toArray())
                    result.append(element);
                if (result.size() > ArmExpression::MaxResultSize / 16)
                    return fail(node, tr("the result has too many elements"));
            }
            return QJsonValue(result);
        }
        QString result;
        for (const QJsonValue &value : args) {
            if (value.isArray())
                return fail(node, tr("either all or none of the arguments must be arrays"));
            if (value.isObject())
                return fail(node, tr("objects can't be concatenated; use union() to merge them"));
            result += ArmExpression::toText(value);
            if (result.size() > ArmExpression::MaxResultSize)
                return fail(node, tr("the result is longer than %1 characters").arg(ArmExpression::MaxResultSize));
        }
        return QJsonValue(result);
    }

    // .NET composite formatting: {index[,alignment][:format]}, {{ and }} for braces. Format strings other
    // than the default are not interpreted (the value's string() is used).
    Result<QJsonValue> format(const Node &node, const QList<QJsonValue> &args)
    {
        Result<QString> pattern = stringArg(node, args, 0);
        if (!pattern)
            return pattern.error();
        const QString &text = pattern.value();
        QString result;
        qsizetype i = 0;
        while (i < text.size()) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('{')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('{')) {
                    result += QLatin1Char('{');
                    i += 2;
                    continue;
                }
                const qsizetype close = text.indexOf(QLatin1Char('}'), i);
                if (close < 0)
                    return fail(node, tr("the format string has a '{' without a closing '}'"));
                QString item = text.mid(i + 1, close - i - 1);
                const qsizetype colon = item.indexOf(QLatin1Char(':'));
                if (colon >= 0)
                    item = item.left(colon);
                int alignment = 0;
                const qsizetype comma = item.indexOf(QLatin1Char(','));
                if (comma >= 0) {
                    bool ok = false;
                    alignment = item.mid(comma + 1).trimmed().toInt(&ok);
                    if (!ok || std::abs(alignment) > 10000)
                        return fail(node, tr("'%1' is not a valid format item").arg(text.mid(i, close - i + 1)));
                    item = item.left(comma);
                }
                bool ok = false;
                const int index = item.trimmed().toInt(&ok);
                if (!ok || index < 0)
                    return fail(node, tr("'%1' is not a valid format item").arg(text.mid(i, close - i + 1)));
                if (index + 1 >= args.size()) {
                    return fail(node,
                                tr("the format item {%1} has no argument (%2 given)").arg(index).arg(args.size() - 1));
                }
                QString value = ArmExpression::toText(args.at(index + 1));
                if (alignment > 0)
                    value = value.rightJustified(alignment);
                else if (alignment < 0)
                    value = value.leftJustified(-alignment);
                result += value;
                if (result.size() > ArmExpression::MaxResultSize)
                    return fail(node, tr("the result is longer than %1 characters").arg(ArmExpression::MaxResultSize));
                i = close + 1;
                continue;
            }
            if (c == QLatin1Char('}')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('}')) {
                    result += QLatin1Char('}');
                    i += 2;
                    continue;
                }
                return fail(node, tr("the format string has a '}' without an opening '{'"));
            }
            result += c;
            ++i;
        }
        return QJsonValue(result);
    }

    Result<QJsonValue> unionOf(const Node &node, const QList<QJsonValue> &args)
    {
        if (args.at(0).isObject()) {
            // A shallow merge where later objects win, nested objects merged recursively (as ARM's union).
            std::function<QJsonObject(QJsonObject, const QJsonObject &)> merge = [&merge](QJsonObject base,
                                                                                          const QJsonObject &extra) {
                for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
                    const QJsonValue existing = base.value(it.key());
                    if (existing.isObject() && it.value().isObject())
                        base.insert(it.key(), merge(existing.toObject(), it.value().toObject()));
                    else
                        base.insert(it.key(), it.value());
                }
                return base;
            };
            QJsonObject result;
            for (const QJsonValue &value : args) {
                if (!value.isObject())
                    return fail(node, tr("either all arguments must be objects or all arrays"));
                result = merge(result, value.toObject());
            }
            return QJsonValue(result);
        }
        if (args.at(0).isArray()) {
            QJsonArray result;
            for (const QJsonValue &value : args) {
                if (!value.isArray())
                    return fail(node, tr("either all arguments must be objects or all arrays"));
                for (const QJsonValue &element : value.toArray()) {
                    bool seen = false;
                    for (const QJsonValue &existing : std::as_const(result))
                        seen = seen || jsonEquals(existing, element);
                    if (!seen)
                        result.append(element);
                }
            }
            return QJsonValue(result);
        }
        return fail(node,
                    tr("the arguments must be objects or arrays, not '%1'").arg(ArmExpression::typeName(args.at(0))));
    }

    // resourceId([subscriptionId], [resourceGroupName], resourceType, name1, [name2], …) and
    // subscriptionResourceId([subscriptionId], resourceType, name1, …).
    Result<QJsonValue> resourceId(const Node &node, const QList<QJsonValue> &args, bool subscriptionLevel)
    {
        QStringList texts;
        for (int i = 0; i < args.size(); ++i) {
            Result<QString> text = stringArg(node, args, i);
            if (!text)
                return text.error();
            texts << text.value();
        }
        int typeIndex = -1;
        for (int i = 0; i < texts.size(); ++i) {
            if (texts.at(i).contains(QLatin1Char('/'))) {
                typeIndex = i;
                break;
            }
        }
        if (typeIndex < 0) {
            return fail(node,
                        tr("no argument is a resource type with its namespace (such as "
                           "'Microsoft.Devices/IotHubs'); arguments: '%1'")
                            .arg(texts.join(QLatin1String("', '"))));
        }
        const int maxScopeArgs = subscriptionLevel ? 1 : 2;
        if (typeIndex > maxScopeArgs) {
            return fail(node,
                        tr("the resource type must come after at most %1 scope argument(s); arguments: '%2'")
                            .arg(maxScopeArgs)
                            .arg(texts.join(QLatin1String("', '"))));
        }
        const QJsonObject subscription = m_context.subscription();
        const QJsonObject group = m_context.resourceGroup();
        QString subscriptionId = subscription.value(QLatin1String("subscriptionId")).toString();
        QString groupName = group.value(QLatin1String("name")).toString();
        if (subscriptionLevel) {
            if (typeIndex == 1)
                subscriptionId = texts.at(0);
        } else if (typeIndex == 1) {
            groupName = texts.at(0);
        } else if (typeIndex == 2) {
            subscriptionId = texts.at(0);
            groupName = texts.at(1);
        }
        const QStringList typeSegments = texts.at(typeIndex).split(QLatin1Char('/'));
        QStringList names;
        for (int i = typeIndex + 1; i < texts.size(); ++i)
            names << texts.at(i).split(QLatin1Char('/'));
        for (const QString &segment : typeSegments) {
            if (segment.trimmed().isEmpty())
                return fail(node, tr("the resource type '%1' has an empty segment").arg(texts.at(typeIndex)));
        }
        if (names.size() != typeSegments.size() - 1) {
            return fail(node,
                        tr("the resource type '%1' needs %2 name segment(s), but %3 were given ('%4')")
                            .arg(texts.at(typeIndex))
                            .arg(typeSegments.size() - 1)
                            .arg(names.size())
                            .arg(names.join(QLatin1Char('/'))));
        }
        QString id = QStringLiteral("/subscriptions/%1").arg(subscriptionId);
        if (!subscriptionLevel)
            id += QStringLiteral("/resourceGroups/%1").arg(groupName);
        id += QStringLiteral("/providers/") + typeSegments.at(0);
        for (int i = 1; i < typeSegments.size(); ++i)
            id += QLatin1Char('/') + typeSegments.at(i) + QLatin1Char('/') + names.at(i - 1);
        return QJsonValue(id);
    }

    ArmExpressionContext &m_context;
};

void collectFunctions(const Node &node, QSet<QString> &names)
{
    if (node.kind == Node::Kind::Call)
        names.insert(node.name);
    for (const NodePtr &child : node.children)
        collectFunctions(*child, names);
}

} // namespace

// --- ArmExpression ---------------------------------------------------------------------------------------

ArmExpression::ArmExpression() = default;
ArmExpression::~ArmExpression() = default;
ArmExpression::ArmExpression(const ArmExpression &other) = default;
ArmExpression &ArmExpression::operator=(const ArmExpression &other) = default;

bool ArmExpression::isExpressionValue(const QJsonValue &value)
{
    return value.isString() && isExpression(value.toString());
}

bool ArmExpression::isExpression(const QString &templateString)
{
    return templateString.size() >= 2 && templateString.startsWith(QLatin1Char('[')) &&
        templateString.endsWith(QLatin1Char(']')) && !templateString.startsWith(QLatin1String("[["));
}

QString ArmExpression::unescapeLiteral(const QString &templateString)
{
    if (templateString.startsWith(QLatin1String("[[")) && templateString.endsWith(QLatin1Char(']')))
        return templateString.mid(1);
    return templateString;
}

Result<ArmExpression> ArmExpression::parse(const QString &text)
{
    QString inner = text;
    if (isExpression(inner))
        inner = inner.mid(1, inner.size() - 2);
    if (inner.size() > MaxLength) {
        return templateError(tr("The language expression is %1 characters long; ARM allows at most %2.")
                                 .arg(inner.size())
                                 .arg(MaxLength));
    }
    Parser parser(inner);
    Result<NodePtr> root = parser.parseAll();
    if (!root)
        return root.error();
    ArmExpression expression;
    expression.m_root = root.value();
    expression.m_text = inner;
    return expression;
}

Result<QJsonValue> ArmExpression::evaluate(ArmExpressionContext &context) const
{
    if (!m_root)
        return templateError(tr("The language expression is empty."));
    Evaluator evaluator(context);
    return evaluator.evaluate(*m_root);
}

Result<QJsonValue> ArmExpression::evaluateString(const QString &templateString, ArmExpressionContext &context)
{
    if (!isExpression(templateString))
        return QJsonValue(unescapeLiteral(templateString));
    Result<ArmExpression> expression = parse(templateString);
    if (!expression)
        return expression.error();
    return expression.value().evaluate(context);
}

QStringList ArmExpression::functions() const
{
    QSet<QString> names;
    if (m_root)
        collectFunctions(*m_root, names);
    QStringList list(names.begin(), names.end());
    list.sort();
    return list;
}

QStringList ArmExpression::supportedFunctions()
{
    QStringList names = functionTable().keys();
    names << QStringLiteral("list*");
    names.sort();
    return names;
}

bool ArmExpression::isSupportedFunction(const QString &name)
{
    return specOf(name.toLower()).has_value();
}

QString ArmExpression::uniqueString(const QStringList &parts)
{
    // Not Azure's MurmurHash64-based algorithm (unpublished): SHA-256 of the arguments joined with '-', the
    // first character a letter, then 12 base32 characters; deterministic, 13 characters like Azure's.
    const QByteArray digest =
        QCryptographicHash::hash(parts.join(QLatin1Char('-')).toUtf8(), QCryptographicHash::Sha256);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | quint8(digest.at(i));
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
    static const char base32[] = "abcdefghijklmnopqrstuvwxyz234567";
    QString result;
    result += QLatin1Char(letters[quint8(digest.at(8)) % 26]);
    for (int i = 0; i < 12; ++i)
        result += QLatin1Char(base32[(value >> (59 - 5 * i)) & 31]);
    return result;
}

QString ArmExpression::guid(const QStringList &parts)
{
    // A fixed namespace of the sandbox; name-based UUIDs (RFC 4122 version 5).
    static const QUuid ns(QStringLiteral("{5b2a7c1e-4f6d-4e0a-9c3b-7a1d2e8f6b40}"));
    return QUuid::createUuidV5(ns, parts.join(QLatin1Char('-'))).toString(QUuid::WithoutBraces);
}

QString ArmExpression::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return QStringLiteral("String");
    case QJsonValue::Double:
        return isInteger(value) ? QStringLiteral("Integer") : QStringLiteral("Float");
    case QJsonValue::Bool:
        return QStringLiteral("Boolean");
    case QJsonValue::Object:
        return QStringLiteral("Object");
    case QJsonValue::Array:
        return QStringLiteral("Array");
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("Null");
    }
    return QStringLiteral("Null");
}

QString ArmExpression::toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        if (isInteger(value))
            return QString::number(qint64(value.toDouble()));
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Object:
    case QJsonValue::Array:
        return compactJson(value);
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    }
    return {};
}

} // namespace TwinBridge::Sandbox
