#include "sandbox/routing/RouteCondition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>
#include <vector>

namespace TwinBridge::Sandbox {

namespace {

enum class Function {
    IsArray,
    IsBool,
    IsDefined,
    IsNull,
    IsNumber,
    IsObject,
    IsPrimitive,
    IsString,
    AsNumber,
    Abs,
    Ceiling,
    Exp,
    Floor,
    Power,
    Sign,
    Sqrt,
    Square,
    Concat,
    Length,
    Lower,
    Upper,
    Substring,
    IndexOf,
    StartsWith,
    EndsWith,
    Contains,
};

struct FunctionInfo
{
    const char *name;
    Function function;
    int minArguments;
    int maxArguments; // -1 = any number
};

constexpr FunctionInfo functionTable[] = {
    {"IS_ARRAY", Function::IsArray, 1, 1},
    {"IS_BOOL", Function::IsBool, 1, 1},
    {"IS_DEFINED", Function::IsDefined, 1, 1},
    {"IS_NULL", Function::IsNull, 1, 1},
    {"IS_NUMBER", Function::IsNumber, 1, 1},
    {"IS_OBJECT", Function::IsObject, 1, 1},
    {"IS_PRIMITIVE", Function::IsPrimitive, 1, 1},
    {"IS_STRING", Function::IsString, 1, 1},
    {"AS_NUMBER", Function::AsNumber, 1, 1},
    {"ABS", Function::Abs, 1, 1},
    {"CEILING", Function::Ceiling, 1, 1},
    {"EXP", Function::Exp, 1, 1},
    {"FLOOR", Function::Floor, 1, 1},
    {"POWER", Function::Power, 2, 2},
    {"SIGN", Function::Sign, 1, 1},
    {"SQRT", Function::Sqrt, 1, 1},
    {"SQUARE", Function::Square, 1, 1},
    {"CONCAT", Function::Concat, 2, -1},
    {"LENGTH", Function::Length, 1, 1},
    {"LOWER", Function::Lower, 1, 1},
    {"UPPER", Function::Upper, 1, 1},
    {"SUBSTRING", Function::Substring, 2, 3},
    {"INDEX_OF", Function::IndexOf, 2, 2},
    {"STARTS_WITH", Function::StartsWith, 2, 2},
    {"ENDS_WITH", Function::EndsWith, 2, 2},
    {"CONTAINS", Function::Contains, 2, 2},
};

const FunctionInfo *findFunction(const QString &name)
{
    for (const FunctionInfo &info : functionTable) {
        if (name.compare(QLatin1String(info.name), Qt::CaseInsensitive) == 0)
            return &info;
    }
    return nullptr;
}

// Routing keywords for system properties and the names under which the sandbox may hold them: the
// names IoT Hub uses on Event Hubs (§4.2) and the MQTT wire keys (§1.6).
struct SystemPropertyAlias
{
    const char *keyword;
    const char *names[3];
};

constexpr SystemPropertyAlias systemPropertyAliases[] = {
    {"contentType", {"content-type", "$.ct", "contentType"}},
    {"contentEncoding", {"content-encoding", "$.ce", "contentEncoding"}},
    {"messageId", {"message-id", "$.mid", "messageId"}},
    {"correlationId", {"correlation-id", "$.cid", "correlationId"}},
    {"userId", {"user-id", "$.uid", "userId"}},
    {"to", {"to", "$.to", nullptr}},
    {"connectionDeviceId", {"iothub-connection-device-id", "$.cdid", "connectionDeviceId"}},
    {"connectionModuleId", {"iothub-connection-module-id", "$.cmid", "connectionModuleId"}},
    {"enqueuedTime", {"iothub-enqueuedtime", "enqueuedTime", nullptr}},
    {"dt-subject", {"dt-subject", "$.sub", nullptr}},
    {"dt-dataschema", {"dt-dataschema", nullptr, nullptr}},
};

std::optional<QVariant> findCaseInsensitive(const QVariantMap &map, const QString &name)
{
    const auto exact = map.constFind(name);
    if (exact != map.cend())
        return exact.value();
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return std::nullopt;
}

QJsonValue jsonFromVariant(const QVariant &value)
{
    if (!value.isValid())
        return QJsonValue(QJsonValue::Null);
    if (value.metaType().id() == QMetaType::QDateTime)
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    return QJsonValue::fromVariant(value);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("RouteCondition", text);
}

} // namespace

// --- the syntax tree ---------------------------------------------------------------------------------

struct RouteCondition::Node
{
    enum class Kind { Constant, ApplicationProperty, SystemProperty, Body, Not, Negate, Binary, Call };
    enum class Operator {
        And,
        Or,
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Add,
        Subtract,
        Multiply,
        Divide,
        Modulo
    };
    struct PathStep
    {
        QString member;
        int index = -1; // >= 0: array element
    };

    Kind kind = Kind::Constant;
    int height = 1; // of the subtree: evaluation recursion stays below MaxNestingDepth + MaxHeight
    QJsonValue constant;
    QString name;
    QList<PathStep> path;
    Operator op = Operator::And;
    Function function = Function::IsDefined;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

using Node = RouteCondition::Node;

// --- tokens ------------------------------------------------------------------------------------------

struct Token
{
    enum class Type { End, Number, String, Name, LeftParen, RightParen, Comma, Operator };
    Type type = Type::End;
    QString text; // the lexeme as written (names, operators)
    QJsonValue value; // numbers and strings
    int position = 0; // 0-based character index
};

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'$';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.' || c == u'$';
}

class ConditionParser
{
public:
    explicit ConditionParser(const QString &text)
        : m_text(text)
    { }

    Result<std::unique_ptr<Node>> parse()
    {
        if (!tokenize())
            return m_error;
        if (m_tokens.size() == 1)
            return fail(0, tr("the condition is empty; write true to match every message"));
        auto root = parseOr();
        if (!root)
            return m_error;
        if (current().type != Token::Type::End) {
            return fail(current().position,
                        tr("unexpected %1 after a complete expression; join conditions with AND or OR")
                            .arg(describe(current())));
        }
        return root;
    }

private:
    ServiceError fail(int position, const QString &what)
    {
        if (!m_failed) {
            m_failed = true;
            m_error =
                ServiceError::invalidInput(tr("Route condition error at position %1: %2.").arg(position + 1).arg(what));
            m_error.setCode(QStringLiteral("InvalidRouteCondition"));
            m_error.setPayload(QJsonObject {{QStringLiteral("position"), position + 1}});
        }
        return m_error;
    }

    // --- tokenizer -----------------------------------------------------------------------------------

    bool tokenize()
    {
        const qsizetype length = m_text.size();
        qsizetype i = 0;
        while (i < length) {
            const QChar c = m_text.at(i);
            if (c.isSpace()) {
                ++i;
                continue;
            }
            Token token;
            token.position = int(i);
            if (c == u'(' || c == u')' || c == u',') {
                token.type =
                    c == u'(' ? Token::Type::LeftParen : (c == u')' ? Token::Type::RightParen : Token::Type::Comma);
                token.text = QString(c);
                ++i;
            } else if (c == u'\'' || c == u'"') {
                if (!readString(i, token))
                    return false;
            } else if (c.isDigit() || (c == u'.' && i + 1 < length && m_text.at(i + 1).isDigit())) {
                if (!readNumber(i, token))
                    return false;
            } else if (isNameStart(c)) {
                if (!readName(i, token))
                    return false;
            } else if (!readOperator(i, token)) {
                fail(int(i), tr("unexpected character '%1'").arg(c));
                return false;
            }
            m_tokens.push_back(token);
        }
        Token end;
        end.position = int(length);
        m_tokens.push_back(end);
        return true;
    }

    bool readString(qsizetype &i, Token &token)
    {
        const QChar quote = m_text.at(i);
        const qsizetype start = i;
        QString value;
        ++i;
        while (i < m_text.size()) {
            const QChar c = m_text.at(i);
            if (c == quote) {
                ++i;
                token.type = Token::Type::String;
                token.value = value;
                token.text = m_text.mid(start, i - start);
                return true;
            }
            if (c == u'\\') {
                if (i + 1 >= m_text.size())
                    break;
                const QChar escaped = m_text.at(i + 1);
                if (escaped == u'\'' || escaped == u'"' || escaped == u'\\') {
                    value += escaped;
                    i += 2;
                    continue;
                }
                if (escaped == u'u') {
                    const QString digits = m_text.mid(i + 2, 4);
                    if (digits.size() != 4 || !std::all_of(digits.cbegin(), digits.cend(), isAsciiHexDigit)) {
                        fail(int(i), tr("\\u must be followed by four hexadecimal digits"));
                        return false;
                    }
                    value += QChar(char16_t(digits.toUInt(nullptr, 16)));
                    i += 6;
                    continue;
                }
                fail(int(i), tr("unknown escape '\\%1' in a string (allowed: \\' \\\" \\\\ \\uXXXX)").arg(escaped));
                return false;
            }
            value += c;
            ++i;
        }
        fail(int(start), tr("the string starting here is not closed with %1").arg(quote));
        return false;
    }

    bool readNumber(qsizetype &i, Token &token)
    {
        const qsizetype start = i;
        const qsizetype length = m_text.size();
        double number = 0;
        if (m_text.at(i) == u'0' && i + 1 < length && (m_text.at(i + 1) == u'x' || m_text.at(i + 1) == u'X')) {
            i += 2;
            const qsizetype digitsStart = i;
            while (i < length && isAsciiHexDigit(m_text.at(i)))
                ++i;
            if (i == digitsStart || i - digitsStart > 13) {
                fail(int(start), tr("a hexadecimal number needs 1 to 13 digits after 0x"));
                return false;
            }
            number = double(m_text.mid(digitsStart, i - digitsStart).toLongLong(nullptr, 16));
        } else {
            while (i < length && m_text.at(i).isDigit())
                ++i;
            if (i < length && m_text.at(i) == u'.') {
                ++i;
                while (i < length && m_text.at(i).isDigit())
                    ++i;
            }
            if (i < length && (m_text.at(i) == u'e' || m_text.at(i) == u'E')) {
                qsizetype j = i + 1;
                if (j < length && (m_text.at(j) == u'+' || m_text.at(j) == u'-'))
                    ++j;
                if (j < length && m_text.at(j).isDigit()) {
                    i = j;
                    while (i < length && m_text.at(i).isDigit())
                        ++i;
                }
            }
            bool ok = false;
            number = m_text.mid(start, i - start).toDouble(&ok);
            if (!ok || !std::isfinite(number)) {
                fail(int(start), tr("'%1' is not a number").arg(m_text.mid(start, i - start)));
                return false;
            }
        }
        if (i < length && isNameChar(m_text.at(i))) {
            fail(int(i), tr("a number must not be followed directly by '%1'").arg(m_text.at(i)));
            return false;
        }
        token.type = Token::Type::Number;
        token.value = number;
        token.text = m_text.mid(start, i - start);
        return true;
    }

    static bool isAsciiHexDigit(QChar c)
    {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    }

    // A name: letters, digits, '_', '-', '.', '$' and array subscripts [n] (for $body paths).
    bool readName(qsizetype &i, Token &token)
    {
        const qsizetype start = i;
        const qsizetype length = m_text.size();
        while (i < length) {
            const QChar c = m_text.at(i);
            if (isNameChar(c)) {
                ++i;
            } else if (c == u'[') {
                const qsizetype open = i;
                ++i;
                while (i < length && m_text.at(i).isDigit())
                    ++i;
                if (i == open + 1 || i >= length || m_text.at(i) != u']') {
                    fail(int(open), tr("an array subscript must be a number in brackets, such as [0]"));
                    return false;
                }
                ++i;
            } else {
                break;
            }
        }
        token.type = Token::Type::Name;
        token.text = m_text.mid(start, i - start);
        return true;
    }

    bool readOperator(qsizetype &i, Token &token)
    {
        static const char *const operators[] = {"<>", "!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%"};
        for (const char *op : operators) {
            const QLatin1String text(op);
            if (QStringView(m_text).mid(i).startsWith(text)) {
                if (text == QLatin1String("=") && i + 1 < m_text.size() && m_text.at(i + 1) == u'=') {
                    fail(int(i), tr("'==' is not an operator; compare with a single '='"));
                    return false;
                }
                token.type = Token::Type::Operator;
                token.text = text;
                i += text.size();
                return true;
            }
        }
        return false;
    }

    // --- recursive descent ---------------------------------------------------------------------------

    const Token &current() const { return m_tokens.at(m_index); }
    const Token &peek(int ahead = 1) const
    {
        const size_t index = std::min(m_index + size_t(ahead), m_tokens.size() - 1);
        return m_tokens.at(index);
    }
    void advance()
    {
        if (m_index + 1 < m_tokens.size())
            ++m_index;
    }

    bool isKeyword(const Token &token, const char *keyword) const
    {
        return token.type == Token::Type::Name && token.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
    }
    bool isOperator(const Token &token, const char *op) const
    {
        return token.type == Token::Type::Operator && token.text == QLatin1String(op);
    }

    QString describe(const Token &token) const
    {
        switch (token.type) {
        case Token::Type::End:
            return tr("the end of the condition");
        case Token::Type::String:
        case Token::Type::Number:
        case Token::Type::Name:
        case Token::Type::Operator:
        case Token::Type::LeftParen:
        case Token::Type::RightParen:
        case Token::Type::Comma:
            break;
        }
        return QStringLiteral("'%1'").arg(token.text);
    }

    // Parentheses, function arguments, NOT and unary minus nest; deeper nesting than MaxNestingDepth is
    // refused so that parsing, evaluating and destroying a condition stay within a small stack.
    class Nesting
    {
    public:
        explicit Nesting(ConditionParser &parser)
            : m_parser(parser)
        {
            ++m_parser.m_nesting;
        }
        ~Nesting() { --m_parser.m_nesting; }
        Nesting(const Nesting &) = delete;
        Nesting &operator=(const Nesting &) = delete;

        bool ok()
        {
            if (m_parser.m_nesting <= RouteCondition::MaxNestingDepth)
                return true;
            m_parser.fail(m_parser.current().position,
                          tr("the condition is nested more than %1 levels deep").arg(RouteCondition::MaxNestingDepth));
            return false;
        }

    private:
        ConditionParser &m_parser;
    };

    // Sets the height of a composite node; too tall a tree is refused (see MaxHeight).
    std::unique_ptr<Node> withHeight(std::unique_ptr<Node> node)
    {
        int height = 0;
        for (const auto &child : node->children)
            height = std::max(height, child->height);
        node->height = height + 1;
        if (node->height > RouteCondition::MaxHeight) {
            fail(current().position,
                 tr("the condition has more than %1 levels of operators and functions; "
                    "simplify it")
                     .arg(RouteCondition::MaxHeight));
            return nullptr;
        }
        return node;
    }

    std::unique_ptr<Node> binary(Node::Operator op, std::unique_ptr<Node> left, std::unique_ptr<Node> right)
    {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Binary;
        node->op = op;
        node->children.push_back(std::move(left));
        node->children.push_back(std::move(right));
        return withHeight(std::move(node));
    }

    std::unique_ptr<Node> parseOr()
    {
        auto left = parseAnd();
        while (left && isKeyword(current(), "OR")) {
            advance();
            auto right = parseAnd();
            if (!right)
                return nullptr;
            left = binary(Node::Operator::Or, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<Node> parseAnd()
    {
        auto left = parseNot();
        while (left && isKeyword(current(), "AND")) {
            advance();
            auto right = parseNot();
            if (!right)
                return nullptr;
            left = binary(Node::Operator::And, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<Node> parseNot()
    {
        if (isKeyword(current(), "NOT")) {
            advance();
            Nesting nesting(*this);
            if (!nesting.ok())
                return nullptr;
            auto operand = parseNot();
            if (!operand)
                return nullptr;
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::Not;
            node->children.push_back(std::move(operand));
            return withHeight(std::move(node));
        }
        return parseComparison();
    }

    std::optional<Node::Operator> comparisonOperator(const Token &token) const
    {
        if (token.type != Token::Type::Operator)
            return std::nullopt;
        if (token.text == u"=")
            return Node::Operator::Equal;
        if (token.text == u"!=" || token.text == u"<>")
            return Node::Operator::NotEqual;
        if (token.text == u"<")
            return Node::Operator::Less;
        if (token.text == u"<=")
            return Node::Operator::LessOrEqual;
        if (token.text == u">")
            return Node::Operator::Greater;
        if (token.text == u">=")
            return Node::Operator::GreaterOrEqual;
        return std::nullopt;
    }

    std::unique_ptr<Node> parseComparison()
    {
        auto left = parseAdditive();
        if (!left)
            return nullptr;
        if (const auto op = comparisonOperator(current())) {
            advance();
            auto right = parseAdditive();
            if (!right)
                return nullptr;
            if (comparisonOperator(current())) {
                fail(current().position, tr("comparisons cannot be chained; join them with AND"));
                return nullptr;
            }
            return binary(*op, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<Node> parseAdditive()
    {
        auto left = parseMultiplicative();
        while (left && (isOperator(current(), "+") || isOperator(current(), "-"))) {
            const auto op = isOperator(current(), "+") ? Node::Operator::Add : Node::Operator::Subtract;
            advance();
            auto right = parseMultiplicative();
            if (!right)
                return nullptr;
            left = binary(op, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<Node> parseMultiplicative()
    {
        auto left = parseUnary();
        while (left && (isOperator(current(), "*") || isOperator(current(), "/") || isOperator(current(), "%"))) {
            const auto op = isOperator(current(), "*") ? Node::Operator::Multiply
                : isOperator(current(), "/")           ? Node::Operator::Divide
                                                       : Node::Operator::Modulo;
            advance();
            auto right = parseUnary();
            if (!right)
                return nullptr;
            left = binary(op, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<Node> parseUnary()
    {
        if (isOperator(current(), "-")) {
            advance();
            Nesting nesting(*this);
            if (!nesting.ok())
                return nullptr;
            auto operand = parseUnary();
            if (!operand)
                return nullptr;
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::Negate;
            node->children.push_back(std::move(operand));
            return withHeight(std::move(node));
        }
        return parsePrimary();
    }

    std::unique_ptr<Node> constant(QJsonValue value)
    {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Constant;
        node->constant = std::move(value);
        return node;
    }

    std::unique_ptr<Node> parsePrimary()
    {
        const Token token = current();
        switch (token.type) {
        case Token::Type::Number:
        case Token::Type::String:
            advance();
            return constant(token.value);
        case Token::Type::LeftParen: {
            advance();
            Nesting nesting(*this);
            if (!nesting.ok())
                return nullptr;
            auto inner = parseOr();
            if (!inner)
                return nullptr;
            if (current().type != Token::Type::RightParen) {
                fail(current().position,
                     tr("expected ')' to close the '(' at position %1, found %2")
                         .arg(token.position + 1)
                         .arg(describe(current())));
                return nullptr;
            }
            advance();
            return inner;
        }
        case Token::Type::Name:
            return parseName();
        case Token::Type::End:
            fail(token.position, tr("expected a value, a property or a function, found the end of the condition"));
            return nullptr;
        case Token::Type::RightParen:
        case Token::Type::Comma:
        case Token::Type::Operator:
            break;
        }
        fail(token.position, tr("expected a value, a property or a function, found %1").arg(describe(token)));
        return nullptr;
    }

    std::unique_ptr<Node> parseName()
    {
        const Token token = current();
        const QString &text = token.text;
        if (peek().type == Token::Type::LeftParen)
            return parseCall();
        for (const char *reserved : {"AND", "OR", "NOT"}) {
            if (isKeyword(token, reserved)) {
                fail(token.position, tr("expected a value, a property or a function before %1").arg(text.toUpper()));
                return nullptr;
            }
        }
        advance();
        if (isKeyword(token, "true"))
            return constant(true);
        if (isKeyword(token, "false"))
            return constant(false);
        if (isKeyword(token, "null"))
            return constant(QJsonValue(QJsonValue::Null));
        if (isKeyword(token, "undefined"))
            return constant(QJsonValue(QJsonValue::Undefined));
        if (text.startsWith(u'$'))
            return parseDollarName(token);
        if (text.contains(u'[')) {
            fail(token.position + int(text.indexOf(u'[')),
                 tr("only $body paths have array subscripts; application property names cannot contain '['"));
            return nullptr;
        }
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::ApplicationProperty;
        node->name = text;
        return node;
    }

    std::unique_ptr<Node> parseDollarName(const Token &token)
    {
        const QString &text = token.text;
        const auto startsWithWord = [&text](QLatin1String word) {
            return text.startsWith(word, Qt::CaseInsensitive) &&
                (text.size() == word.size() || text.at(word.size()) == u'.' || text.at(word.size()) == u'[');
        };
        if (startsWithWord(QLatin1String("$twin"))) {
            fail(token.position,
                 tr("$twin queries are not emulated by the sandbox; route on $body, system or "
                    "application properties instead"));
            return nullptr;
        }
        if (startsWithWord(QLatin1String("$body")))
            return parseBodyPath(token);
        if (text.size() == 1) {
            fail(token.position, tr("'$' must be followed by a system property name such as $contentType"));
            return nullptr;
        }
        const qsizetype member = text.indexOf(u'.');
        const qsizetype subscript = text.indexOf(u'[');
        if (member > 0 || subscript > 0) {
            const qsizetype at = member > 0 && (subscript < 0 || member < subscript) ? member : subscript;
            fail(token.position + int(at),
                 tr("system property %1 has no members; only $body has a path").arg(text.left(at)));
            return nullptr;
        }
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::SystemProperty;
        node->name = text.mid(1);
        return node;
    }

    std::unique_ptr<Node> parseBodyPath(const Token &token)
    {
        const QString &text = token.text;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Body;
        qsizetype i = 5; // after "$body"
        while (i < text.size()) {
            const QChar c = text.at(i);
            if (c == u'.') {
                const qsizetype start = i + 1;
                qsizetype end = start;
                while (end < text.size() && text.at(end) != u'.' && text.at(end) != u'[')
                    ++end;
                if (end == start) {
                    fail(token.position + int(i), tr("expected a property name after '.' in the $body path"));
                    return nullptr;
                }
                node->path.push_back({text.mid(start, end - start), -1});
                i = end;
            } else if (c == u'[') {
                const qsizetype close = text.indexOf(u']', i);
                bool ok = false;
                const int index = text.mid(i + 1, close - i - 1).toInt(&ok);
                if (!ok || index < 0) {
                    fail(token.position + int(i), tr("the array subscript is too large"));
                    return nullptr;
                }
                node->path.push_back({QString(), index});
                i = close + 1;
            } else {
                fail(token.position + int(i), tr("unexpected '%1' in the $body path").arg(c));
                return nullptr;
            }
        }
        return node;
    }

    std::unique_ptr<Node> parseCall()
    {
        const Token nameToken = current();
        const FunctionInfo *info = findFunction(nameToken.text);
        if (!info) {
            fail(nameToken.position, tr("unknown function '%1'").arg(nameToken.text));
            return nullptr;
        }
        advance(); // name
        advance(); // (
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Call;
        node->function = info->function;
        node->name = QLatin1String(info->name);
        Nesting nesting(*this);
        if (!nesting.ok())
            return nullptr;
        if (current().type != Token::Type::RightParen) {
            while (true) {
                auto argument = parseOr();
                if (!argument)
                    return nullptr;
                node->children.push_back(std::move(argument));
                if (current().type == Token::Type::Comma) {
                    advance();
                    continue;
                }
                if (current().type == Token::Type::RightParen)
                    break;
                fail(current().position,
                     tr("expected ',' or ')' in the arguments of %1, found %2").arg(node->name, describe(current())));
                return nullptr;
            }
        }
        advance(); // )
        const int count = int(node->children.size());
        if (count < info->minArguments || (info->maxArguments >= 0 && count > info->maxArguments)) {
            QString expected;
            if (info->maxArguments < 0)
                expected = tr("at least %1 arguments").arg(info->minArguments);
            else if (info->minArguments == info->maxArguments)
                expected = info->minArguments == 1 ? tr("1 argument") : tr("%1 arguments").arg(info->minArguments);
            else
                expected = tr("%1 to %2 arguments").arg(info->minArguments).arg(info->maxArguments);
            fail(nameToken.position, tr("%1 takes %2, not %3").arg(node->name, expected).arg(count));
            return nullptr;
        }
        return withHeight(std::move(node));
    }

    const QString &m_text;
    std::vector<Token> m_tokens;
    size_t m_index = 0;
    int m_nesting = 0;
    bool m_failed = false;
    ServiceError m_error;
};

// --- evaluation --------------------------------------------------------------------------------------

const QJsonValue undefinedValue(QJsonValue::Undefined);

QJsonValue compare(Node::Operator op, const QJsonValue &left, const QJsonValue &right)
{
    if (left.isUndefined() || right.isUndefined() || left.type() != right.type())
        return undefinedValue;
    int order = 0;
    switch (left.type()) {
    case QJsonValue::Double: {
        const double a = left.toDouble();
        const double b = right.toDouble();
        order = a < b ? -1 : (a > b ? 1 : 0);
        break;
    }
    case QJsonValue::String:
        order = left.toString().compare(right.toString());
        break;
    case QJsonValue::Bool:
    case QJsonValue::Null:
        // Booleans and null compare for equality only.
        if (op == Node::Operator::Equal)
            return left == right;
        if (op == Node::Operator::NotEqual)
            return left != right;
        return undefinedValue;
    case QJsonValue::Array:
    case QJsonValue::Object:
    case QJsonValue::Undefined:
        return undefinedValue;
    }
    switch (op) {
    case Node::Operator::Equal:
        return order == 0;
    case Node::Operator::NotEqual:
        return order != 0;
    case Node::Operator::Less:
        return order < 0;
    case Node::Operator::LessOrEqual:
        return order <= 0;
    case Node::Operator::Greater:
        return order > 0;
    case Node::Operator::GreaterOrEqual:
        return order >= 0;
    default:
        return undefinedValue;
    }
}

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : undefinedValue;
}

QJsonValue arithmetic(Node::Operator op, const QJsonValue &left, const QJsonValue &right)
{
    if (!left.isDouble() || !right.isDouble())
        return undefinedValue;
    const double a = left.toDouble();
    const double b = right.toDouble();
    switch (op) {
    case Node::Operator::Add:
        return number(a + b);
    case Node::Operator::Subtract:
        return number(a - b);
    case Node::Operator::Multiply:
        return number(a * b);
    case Node::Operator::Divide:
        return b == 0 ? undefinedValue : number(a / b);
    case Node::Operator::Modulo:
        return b == 0 ? undefinedValue : number(std::fmod(a, b));
    default:
        return undefinedValue;
    }
}

// A non-negative integer argument (SUBSTRING positions), or -1.
qsizetype integerArgument(const QJsonValue &value)
{
    if (!value.isDouble())
        return -1;
    const double d = value.toDouble();
    if (d < 0 || d != std::floor(d) || d > 1e9)
        return -1;
    return qsizetype(d);
}

QJsonValue callFunction(Function function, const std::vector<QJsonValue> &args)
{
    const QJsonValue &x = args.front();
    switch (function) {
    case Function::IsArray:
        return x.isArray();
    case Function::IsBool:
        return x.isBool();
    case Function::IsDefined:
        return !x.isUndefined();
    case Function::IsNull:
        return x.isNull();
    case Function::IsNumber:
        return x.isDouble();
    case Function::IsObject:
        return x.isObject();
    case Function::IsPrimitive:
        return x.isString() || x.isBool() || x.isDouble() || x.isNull();
    case Function::IsString:
        return x.isString();
    case Function::AsNumber: {
        if (x.isDouble())
            return x;
        if (!x.isString())
            return undefinedValue;
        bool ok = false;
        const double d = x.toString().trimmed().toDouble(&ok);
        return ok ? number(d) : undefinedValue;
    }
    default:
        break;
    }

    const bool numeric = function == Function::Abs || function == Function::Ceiling || function == Function::Exp ||
        function == Function::Floor || function == Function::Power || function == Function::Sign ||
        function == Function::Sqrt || function == Function::Square;
    if (numeric) {
        for (const QJsonValue &arg : args) {
            if (!arg.isDouble())
                return undefinedValue;
        }
        const double a = x.toDouble();
        switch (function) {
        case Function::Abs:
            return number(std::fabs(a));
        case Function::Ceiling:
            return number(std::ceil(a));
        case Function::Exp:
            return number(std::exp(a));
        case Function::Floor:
            return number(std::floor(a));
        case Function::Power:
            return number(std::pow(a, args.at(1).toDouble()));
        case Function::Sign:
            return a > 0 ? 1.0 : (a < 0 ? -1.0 : 0.0);
        case Function::Sqrt:
            return a < 0 ? undefinedValue : number(std::sqrt(a));
        case Function::Square:
            return number(a * a);
        default:
            return undefinedValue;
        }
    }

    // String functions: every string argument must be a string, positions numbers.
    switch (function) {
    case Function::Concat: {
        QString result;
        for (const QJsonValue &arg : args) {
            if (!arg.isString())
                return undefinedValue;
            result += arg.toString();
        }
        return result;
    }
    case Function::Length:
        return x.isString() ? QJsonValue(double(x.toString().size())) : undefinedValue;
    case Function::Lower:
        return x.isString() ? QJsonValue(x.toString().toLower()) : undefinedValue;
    case Function::Upper:
        return x.isString() ? QJsonValue(x.toString().toUpper()) : undefinedValue;
    case Function::Substring: {
        if (!x.isString())
            return undefinedValue;
        const qsizetype start = integerArgument(args.at(1));
        const qsizetype length = args.size() > 2 ? integerArgument(args.at(2)) : x.toString().size();
        if (start < 0 || length < 0)
            return undefinedValue;
        return x.toString().mid(start, length);
    }
    case Function::IndexOf:
    case Function::StartsWith:
    case Function::EndsWith:
    case Function::Contains: {
        if (!x.isString() || !args.at(1).isString())
            return undefinedValue;
        const QString s = x.toString();
        const QString fragment = args.at(1).toString();
        if (function == Function::IndexOf)
            return double(s.indexOf(fragment));
        if (function == Function::StartsWith)
            return s.startsWith(fragment);
        if (function == Function::EndsWith)
            return s.endsWith(fragment);
        return s.contains(fragment);
    }
    default:
        return undefinedValue;
    }
}

QJsonValue evaluateNode(const Node &node, const RouteCondition::Input &input)
{
    switch (node.kind) {
    case Node::Kind::Constant:
        return node.constant;
    case Node::Kind::ApplicationProperty:
        return input.applicationProperty(node.name);
    case Node::Kind::SystemProperty:
        return input.systemProperty(node.name);
    case Node::Kind::Body: {
        // A condition on the entire body is not supported by IoT Hub ("returns undefined").
        if (node.path.isEmpty())
            return undefinedValue;
        QJsonValue value = input.body();
        for (const Node::PathStep &step : node.path) {
            if (step.index >= 0) {
                if (!value.isArray() || step.index >= value.toArray().size())
                    return undefinedValue;
                value = value.toArray().at(step.index);
            } else {
                if (!value.isObject())
                    return undefinedValue;
                const QJsonObject object = value.toObject();
                const auto it = object.constFind(step.member);
                if (it == object.constEnd())
                    return undefinedValue;
                value = it.value();
            }
        }
        return value;
    }
    case Node::Kind::Not: {
        const QJsonValue operand = evaluateNode(*node.children.front(), input);
        return operand.isBool() ? QJsonValue(!operand.toBool()) : undefinedValue;
    }
    case Node::Kind::Negate: {
        const QJsonValue operand = evaluateNode(*node.children.front(), input);
        return operand.isDouble() ? QJsonValue(-operand.toDouble()) : undefinedValue;
    }
    case Node::Kind::Binary: {
        const QJsonValue left = evaluateNode(*node.children.at(0), input);
        if (node.op == Node::Operator::And || node.op == Node::Operator::Or) {
            const bool isAnd = node.op == Node::Operator::And;
            // Three-valued logic: false AND x = false, true OR x = true, otherwise undefined unless both
            // sides are Booleans.
            if (left.isBool() && left.toBool() != isAnd)
                return left;
            const QJsonValue right = evaluateNode(*node.children.at(1), input);
            if (right.isBool() && right.toBool() != isAnd)
                return right;
            if (left.isBool() && right.isBool())
                return isAnd;
            return undefinedValue;
        }
        const QJsonValue right = evaluateNode(*node.children.at(1), input);
        switch (node.op) {
        case Node::Operator::Add:
        case Node::Operator::Subtract:
        case Node::Operator::Multiply:
        case Node::Operator::Divide:
        case Node::Operator::Modulo:
            return arithmetic(node.op, left, right);
        default:
            return compare(node.op, left, right);
        }
    }
    case Node::Kind::Call: {
        std::vector<QJsonValue> args;
        args.reserve(node.children.size());
        for (const auto &child : node.children)
            args.push_back(evaluateNode(*child, input));
        return callFunction(node.function, args);
    }
    }
    return undefinedValue;
}

bool isQueryableBody(const RouteCondition::Input &input, QStringConverter::Encoding *encoding)
{
    const QJsonValue contentType = input.systemProperty(QStringLiteral("contentType"));
    const QJsonValue contentEncoding = input.systemProperty(QStringLiteral("contentEncoding"));
    if (!contentType.isString() || !contentEncoding.isString())
        return false;
    const QString mediaType = contentType.toString().section(u';', 0, 0).trimmed();
    if (mediaType.compare(QLatin1String("application/json"), Qt::CaseInsensitive) != 0)
        return false;
    const QString charset = contentEncoding.toString().trimmed();
    if (charset.compare(QLatin1String("utf-8"), Qt::CaseInsensitive) == 0)
        *encoding = QStringConverter::Utf8;
    else if (charset.compare(QLatin1String("utf-16"), Qt::CaseInsensitive) == 0)
        *encoding = QStringConverter::Utf16;
    else if (charset.compare(QLatin1String("utf-32"), Qt::CaseInsensitive) == 0)
        *encoding = QStringConverter::Utf32;
    else
        return false;
    return true;
}

} // namespace

// --- Input -------------------------------------------------------------------------------------------

RouteCondition::Input::Input(const HubMessage &message)
    : m_message(message)
{ }

QJsonValue RouteCondition::Input::systemProperty(const QString &keyword) const
{
    const QVariantMap &system = m_message.systemProperties;
    for (const SystemPropertyAlias &alias : systemPropertyAliases) {
        if (keyword.compare(QLatin1String(alias.keyword), Qt::CaseInsensitive) != 0)
            continue;
        for (const char *name : alias.names) {
            if (!name)
                continue;
            if (const auto value = findCaseInsensitive(system, QLatin1String(name)))
                return jsonFromVariant(*value);
        }
        break;
    }
    if (const auto value = findCaseInsensitive(system, keyword))
        return jsonFromVariant(*value);
    // "If an application property name begins with $, IoT Hub searches the system properties first, then
    // the application properties" (S-RQS).
    if (const auto value = findCaseInsensitive(m_message.applicationProperties, u'$' + keyword))
        return jsonFromVariant(*value);
    return undefinedValue;
}

QJsonValue RouteCondition::Input::applicationProperty(const QString &name) const
{
    if (const auto value = findCaseInsensitive(m_message.applicationProperties, name))
        return jsonFromVariant(*value);
    return undefinedValue;
}

QJsonValue RouteCondition::Input::body() const
{
    if (m_body)
        return *m_body;
    m_body = undefinedValue;
    QStringConverter::Encoding encoding = QStringConverter::Utf8;
    if (!isQueryableBody(*this, &encoding))
        return *m_body;
    if (m_message.bodyJson) {
        m_body = QJsonValue(*m_message.bodyJson);
        return *m_body;
    }
    QByteArray utf8 = m_message.body;
    if (encoding != QStringConverter::Utf8) {
        QStringDecoder decoder(encoding);
        const QString text = decoder.decode(m_message.body);
        if (decoder.hasError())
            return *m_body;
        utf8 = text.toUtf8();
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError)
        return *m_body;
    m_body = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    return *m_body;
}

// --- RouteCondition ----------------------------------------------------------------------------------

RouteCondition::RouteCondition()
    : m_text(QStringLiteral("true"))
{
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::Constant;
    node->constant = true;
    m_root = std::move(node);
}

Result<RouteCondition> RouteCondition::parse(const QString &text)
{
    if (text.size() > MaxLength) {
        ServiceError error = ServiceError::invalidInput(
            tr("Route condition error at position %1: the condition is longer than %2 characters.")
                .arg(MaxLength + 1)
                .arg(MaxLength));
        error.setCode(QStringLiteral("InvalidRouteCondition"));
        error.setPayload(QJsonObject {{QStringLiteral("position"), MaxLength + 1}});
        return error;
    }
    ConditionParser parser(text);
    Result<std::unique_ptr<Node>> root = parser.parse();
    if (!root.ok())
        return root.error();
    RouteCondition condition;
    condition.m_root = std::shared_ptr<const Node>(root.takeValue());
    condition.m_text = text;
    return condition;
}

QJsonValue RouteCondition::evaluate(const Input &input) const
{
    return evaluateNode(*m_root, input);
}

bool RouteCondition::matches(const Input &input) const
{
    const QJsonValue value = evaluate(input);
    return value.isBool() && value.toBool();
}

bool RouteCondition::matches(const HubMessage &message) const
{
    return matches(Input(message));
}

} // namespace TwinBridge::Sandbox
