#include "sandbox/hub/DeviceQuery.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>
#include <vector>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DeviceQuery", text);
}

enum class TokenType { Identifier, Number, String, Symbol, End };

struct Token
{
    TokenType type = TokenType::End;
    QString text; // identifier, symbol or string contents
    double number = 0;
    int line = 1;
    int column = 1;

    bool isSymbol(const char *symbol) const { return type == TokenType::Symbol && text == QLatin1String(symbol); }
    bool isKeyword(const char *keyword) const
    {
        return type == TokenType::Identifier && text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
    }
};

QString describe(const Token &token)
{
    switch (token.type) {
    case TokenType::End:
        return tr("the end of the query");
    case TokenType::String:
        return QStringLiteral("'%1'").arg(token.text.left(40));
    case TokenType::Number:
    case TokenType::Identifier:
    case TokenType::Symbol:
        break;
    }
    return QStringLiteral("'%1'").arg(token.text.left(40));
}

// The words that cannot name a property.
bool isReserved(const Token &token)
{
    for (const char *keyword : {"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "AS", "IN", "NIN"}) {
        if (token.isKeyword(keyword))
            return true;
    }
    return false;
}

} // namespace

// --- syntax tree -----------------------------------------------------------------------------------------

struct DeviceQuery::Node
{
    enum class Kind { And, Or, Not, Compare, In, NotIn, Function, Literal, Path };

    Kind kind = Kind::Literal;
    QString op; // comparison operator or function name (upper case)
    QJsonValue literal = QJsonValue(QJsonValue::Undefined);
    QStringList path;
    std::vector<std::shared_ptr<const Node>> children;
    QJsonArray list; // IN / NIN

    QJsonValue value(const QJsonObject &document) const
    {
        if (kind == Kind::Path)
            return DeviceQuery::valueAt(document, path);
        return literal;
    }

    bool test(const QJsonObject &document) const;
};

namespace {

bool sameType(const QJsonValue &a, const QJsonValue &b)
{
    return a.type() == b.type();
}

bool compare(const QString &op, const QJsonValue &left, const QJsonValue &right)
{
    if (left.isUndefined() || right.isUndefined() || !sameType(left, right))
        return false;
    const bool equal = left == right;
    if (op == QLatin1String("="))
        return equal;
    if (op == QLatin1String("!=") || op == QLatin1String("<>"))
        return !equal;
    int order = 0;
    if (left.isDouble()) {
        const double a = left.toDouble(), b = right.toDouble();
        order = a < b ? -1 : (a > b ? 1 : 0);
    } else if (left.isString()) {
        order = left.toString().compare(right.toString());
    } else if (left.isBool()) {
        order = int(left.toBool()) - int(right.toBool());
    } else {
        return false; // objects, arrays and null have no order
    }
    if (op == QLatin1String("<"))
        return order < 0;
    if (op == QLatin1String("<="))
        return order <= 0;
    if (op == QLatin1String(">"))
        return order > 0;
    if (op == QLatin1String(">="))
        return order >= 0;
    return false;
}

} // namespace

bool DeviceQuery::Node::test(const QJsonObject &document) const
{
    switch (kind) {
    case Kind::And:
        for (const auto &child : children) {
            if (!child->test(document))
                return false;
        }
        return true;
    case Kind::Or:
        for (const auto &child : children) {
            if (child->test(document))
                return true;
        }
        return false;
    case Kind::Not:
        return !children.front()->test(document);
    case Kind::Compare:
        return compare(op, children.at(0)->value(document), children.at(1)->value(document));
    case Kind::In:
    case Kind::NotIn: {
        const QJsonValue value = children.front()->value(document);
        if (value.isUndefined())
            return false;
        const bool found = list.contains(value);
        return kind == Kind::In ? found : !found;
    }
    case Kind::Function: {
        const QJsonValue value = children.front()->value(document);
        if (op == QLatin1String("IS_DEFINED"))
            return !value.isUndefined();
        if (op == QLatin1String("IS_NULL"))
            return value.isNull();
        if (op == QLatin1String("IS_BOOL"))
            return value.isBool();
        if (op == QLatin1String("IS_NUMBER"))
            return value.isDouble();
        if (op == QLatin1String("IS_STRING"))
            return value.isString();
        if (op == QLatin1String("IS_OBJECT"))
            return value.isObject();
        if (op == QLatin1String("IS_ARRAY"))
            return value.isArray();
        if (op == QLatin1String("IS_PRIMITIVE"))
            return value.isBool() || value.isDouble() || value.isString() || value.isNull();
        const QJsonValue argument = children.at(1)->value(document);
        if (!value.isString() || !argument.isString())
            return false;
        if (op == QLatin1String("STARTSWITH"))
            return value.toString().startsWith(argument.toString());
        if (op == QLatin1String("ENDSWITH"))
            return value.toString().endsWith(argument.toString());
        return false;
    }
    case Kind::Literal:
        return literal.isBool() && literal.toBool();
    case Kind::Path:
        return false;
    }
    return false;
}

// --- tokenizer and parser --------------------------------------------------------------------------------

class DeviceQueryParser
{
public:
    explicit DeviceQueryParser(const QString &sql)
        : m_sql(sql)
    { }

    Result<DeviceQuery> parse()
    {
        if (m_sql.size() > DeviceQuery::MaxQueryLength) {
            return failure(1, 1, tr("the query is longer than %1 characters").arg(DeviceQuery::MaxQueryLength));
        }
        if (!tokenize())
            return *m_error;
        DeviceQuery query;
        if (!expectKeyword("SELECT"))
            return *m_error;
        if (peek().isKeyword("TOP")) {
            return failure(peek(),
                           tr("TOP is not supported by the sandbox; page with x-ms-max-item-count "
                              "instead"));
        }
        if (!parseSelectList(query))
            return *m_error;
        if (!expectKeyword("FROM"))
            return *m_error;
        const Token source = next();
        if (!source.isKeyword("devices")) {
            return failure(source,
                           tr("expected the collection 'devices' after FROM but found %1").arg(describe(source)));
        }
        if (peek().isSymbol(".")) {
            return failure(peek(),
                           tr("only 'FROM devices' is supported; modules and jobs cannot be queried "
                              "here"));
        }
        if (peek().isKeyword("WHERE")) {
            next();
            std::shared_ptr<const DeviceQuery::Node> where = parseOr(0);
            if (!where)
                return *m_error;
            query.m_where = where;
        }
        if (peek().type != TokenType::End) {
            return failure(peek(), tr("unexpected %1; expected WHERE or the end of the query").arg(describe(peek())));
        }
        return query;
    }

private:
    using NodePtr = std::shared_ptr<const DeviceQuery::Node>;
    using Node = DeviceQuery::Node;

    ServiceError failure(int line, int column, const QString &what)
    {
        ServiceError error(
            ServiceError::Kind::BadRequest,
            tr("SQL query parse failed due to following errors: Line %1:%2 %3.").arg(line).arg(column).arg(what));
        error.setHttpStatus(400);
        error.setCode(QStringLiteral("ArgumentInvalid"));
        m_error = error;
        return error;
    }
    ServiceError failure(const Token &token, const QString &what) { return failure(token.line, token.column, what); }

    bool tokenize()
    {
        int line = 1;
        int column = 1;
        qsizetype i = 0;
        const qsizetype n = m_sql.size();
        auto advance = [&](qsizetype count) {
            for (qsizetype k = 0; k < count && i < n; ++k, ++i) {
                if (m_sql.at(i) == QLatin1Char('\n')) {
                    ++line;
                    column = 1;
                } else {
                    ++column;
                }
            }
        };
        while (i < n) {
            const QChar c = m_sql.at(i);
            if (c.isSpace()) {
                advance(1);
                continue;
            }
            Token token;
            token.line = line;
            token.column = column;
            if (c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$')) {
                qsizetype end = i + 1;
                while (end < n &&
                       (m_sql.at(end).isLetterOrNumber() || m_sql.at(end) == QLatin1Char('_') ||
                        m_sql.at(end) == QLatin1Char('$')))
                    ++end;
                token.type = TokenType::Identifier;
                token.text = m_sql.mid(i, end - i);
                advance(end - i);
            } else if (c.isDigit()) {
                qsizetype end = i;
                while (end < n && m_sql.at(end).isDigit())
                    ++end;
                if (end + 1 < n && m_sql.at(end) == QLatin1Char('.') && m_sql.at(end + 1).isDigit()) {
                    ++end;
                    while (end < n && m_sql.at(end).isDigit())
                        ++end;
                }
                if (end < n && (m_sql.at(end) == QLatin1Char('e') || m_sql.at(end) == QLatin1Char('E'))) {
                    qsizetype exponent = end + 1;
                    if (exponent < n &&
                        (m_sql.at(exponent) == QLatin1Char('+') || m_sql.at(exponent) == QLatin1Char('-')))
                        ++exponent;
                    if (exponent < n && m_sql.at(exponent).isDigit()) {
                        end = exponent;
                        while (end < n && m_sql.at(end).isDigit())
                            ++end;
                    }
                }
                token.type = TokenType::Number;
                token.text = m_sql.mid(i, end - i);
                bool ok = false;
                token.number = token.text.toDouble(&ok);
                if (!ok || !std::isfinite(token.number)) {
                    failure(token, tr("the number %1 is out of range").arg(token.text.left(40)));
                    return false;
                }
                advance(end - i);
            } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                QString text;
                qsizetype end = i + 1;
                bool closed = false;
                while (end < n) {
                    const QChar d = m_sql.at(end);
                    if (d == QLatin1Char('\\') && end + 1 < n) {
                        const QChar escaped = m_sql.at(end + 1);
                        text += escaped == QLatin1Char('n') ? QChar(QLatin1Char('\n'))
                            : escaped == QLatin1Char('t')   ? QChar(QLatin1Char('\t'))
                                                            : escaped;
                        end += 2;
                        continue;
                    }
                    if (d == c) {
                        closed = true;
                        ++end;
                        break;
                    }
                    text += d;
                    ++end;
                }
                if (!closed) {
                    failure(token, tr("the string that starts here is not closed"));
                    return false;
                }
                token.type = TokenType::String;
                token.text = text;
                advance(end - i);
            } else {
                static const char *const TwoCharacterSymbols[] = {"!=", "<>", "<=", ">="};
                QString symbol;
                for (const char *candidate : TwoCharacterSymbols) {
                    if (QStringView(m_sql).mid(i, 2) == QLatin1String(candidate))
                        symbol = QLatin1String(candidate);
                }
                if (symbol.isEmpty()) {
                    if (!QStringLiteral("*,.()[]=<>-").contains(c)) {
                        failure(token, tr("unexpected character '%1'").arg(c));
                        return false;
                    }
                    symbol = c;
                }
                token.type = TokenType::Symbol;
                token.text = symbol;
                advance(symbol.size());
            }
            m_tokens.push_back(token);
        }
        Token end;
        end.line = line;
        end.column = column;
        m_tokens.push_back(end);
        return true;
    }

    const Token &peek(int ahead = 0) const
    {
        const size_t index = std::min(m_position + size_t(ahead), m_tokens.size() - 1);
        return m_tokens.at(index);
    }
    Token next()
    {
        const Token token = peek();
        if (m_position < m_tokens.size() - 1)
            ++m_position;
        return token;
    }

    bool expectKeyword(const char *keyword)
    {
        const Token token = next();
        if (!token.isKeyword(keyword)) {
            failure(token, tr("expected %1 but found %2").arg(QLatin1String(keyword), describe(token)));
            return false;
        }
        return true;
    }

    bool expectSymbol(const char *symbol)
    {
        const Token token = next();
        if (!token.isSymbol(symbol)) {
            failure(token, tr("expected '%1' but found %2").arg(QLatin1String(symbol), describe(token)));
            return false;
        }
        return true;
    }

    std::optional<QString> parseAlias()
    {
        if (!peek().isKeyword("AS"))
            return QString();
        next();
        const Token alias = next();
        if (alias.type != TokenType::Identifier || isReserved(alias)) {
            failure(alias, tr("expected a name after AS but found %1").arg(describe(alias)));
            return std::nullopt;
        }
        return alias.text;
    }

    bool parseSelectList(DeviceQuery &query)
    {
        if (peek().isSymbol("*")) {
            next();
            query.m_selectAll = true;
            return true;
        }
        if (peek().isKeyword("COUNT") && peek(1).isSymbol("(")) {
            next();
            next();
            if (!expectSymbol(")"))
                return false;
            const std::optional<QString> alias = parseAlias();
            if (!alias)
                return false;
            query.m_count = true;
            query.m_countAlias = alias->isEmpty() ? QStringLiteral("$1") : *alias;
            return true;
        }
        while (true) {
            const std::optional<QStringList> path = parsePath();
            if (!path)
                return false;
            const std::optional<QString> alias = parseAlias();
            if (!alias)
                return false;
            query.m_projections.append({*path, alias->isEmpty() ? path->constLast() : *alias});
            if (!peek().isSymbol(","))
                return true;
            next();
        }
    }

    std::optional<QStringList> parsePath()
    {
        const Token first = next();
        if (first.type != TokenType::Identifier || isReserved(first)) {
            failure(first, tr("expected a property name but found %1").arg(describe(first)));
            return std::nullopt;
        }
        QStringList path {first.text};
        while (true) {
            if (peek().isSymbol(".")) {
                next();
                const Token segment = next();
                if (segment.type != TokenType::Identifier) {
                    failure(segment, tr("expected a property name after '.' but found %1").arg(describe(segment)));
                    return std::nullopt;
                }
                path.append(segment.text);
            } else if (peek().isSymbol("[")) {
                next();
                const Token segment = next();
                if (segment.type != TokenType::String) {
                    failure(segment,
                            tr("expected a quoted property name after '[' but found %1").arg(describe(segment)));
                    return std::nullopt;
                }
                if (!expectSymbol("]"))
                    return std::nullopt;
                path.append(segment.text);
            } else {
                return path;
            }
        }
    }

    // `depth` counts parentheses and NOTs (each costs a few stack frames).
    bool tooDeep(int depth)
    {
        if (depth <= DeviceQuery::MaxNesting)
            return false;
        failure(peek(), tr("the condition is nested more than %1 levels deep").arg(DeviceQuery::MaxNesting));
        return true;
    }

    NodePtr parseOr(int depth)
    {
        if (tooDeep(depth))
            return nullptr;
        NodePtr left = parseAnd(depth);
        if (!left || !peek().isKeyword("OR"))
            return left;
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::Or;
        node->children.push_back(left);
        while (peek().isKeyword("OR")) {
            next();
            NodePtr right = parseAnd(depth);
            if (!right)
                return nullptr;
            node->children.push_back(right);
        }
        return node;
    }

    NodePtr parseAnd(int depth)
    {
        NodePtr left = parseNot(depth);
        if (!left || !peek().isKeyword("AND"))
            return left;
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::And;
        node->children.push_back(left);
        while (peek().isKeyword("AND")) {
            next();
            NodePtr right = parseNot(depth);
            if (!right)
                return nullptr;
            node->children.push_back(right);
        }
        return node;
    }

    NodePtr parseNot(int depth)
    {
        if (tooDeep(depth))
            return nullptr;
        if (peek().isKeyword("NOT")) {
            next();
            NodePtr inner = parseNot(depth + 1);
            if (!inner)
                return nullptr;
            auto node = std::make_shared<Node>();
            node->kind = Node::Kind::Not;
            node->children.push_back(inner);
            return node;
        }
        return parsePrimary(depth);
    }

    std::optional<QJsonValue> parseLiteral()
    {
        const Token token = peek();
        if (token.type == TokenType::String) {
            next();
            return QJsonValue(token.text);
        }
        if (token.type == TokenType::Number) {
            next();
            return QJsonValue(token.number);
        }
        if (token.isSymbol("-") && peek(1).type == TokenType::Number) {
            next();
            return QJsonValue(-next().number);
        }
        if (token.isKeyword("true") || token.isKeyword("false")) {
            next();
            return QJsonValue(token.isKeyword("true"));
        }
        if (token.isKeyword("null")) {
            next();
            return QJsonValue(QJsonValue::Null);
        }
        return std::nullopt;
    }

    NodePtr parseOperand()
    {
        if (std::optional<QJsonValue> literal = parseLiteral()) {
            auto node = std::make_shared<Node>();
            node->kind = Node::Kind::Literal;
            node->literal = *literal;
            return node;
        }
        const std::optional<QStringList> path = parsePath();
        if (!path)
            return nullptr;
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::Path;
        node->path = *path;
        return node;
    }

    NodePtr parseFunction()
    {
        const Token name = next();
        const QString function = name.text.toUpper();
        static const QStringList OneArgument = {QStringLiteral("IS_DEFINED"), QStringLiteral("IS_NULL"),
                                                QStringLiteral("IS_BOOL"),    QStringLiteral("IS_NUMBER"),
                                                QStringLiteral("IS_STRING"),  QStringLiteral("IS_OBJECT"),
                                                QStringLiteral("IS_ARRAY"),   QStringLiteral("IS_PRIMITIVE")};
        static const QStringList TwoArguments = {QStringLiteral("STARTSWITH"), QStringLiteral("ENDSWITH")};
        const bool unary = OneArgument.contains(function);
        if (!unary && !TwoArguments.contains(function)) {
            failure(name, tr("'%1' is not a supported function").arg(name.text.left(40)));
            return nullptr;
        }
        next(); // "("
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::Function;
        node->op = function;
        NodePtr first = parseOperand();
        if (!first)
            return nullptr;
        node->children.push_back(first);
        if (!unary) {
            if (!expectSymbol(","))
                return nullptr;
            NodePtr second = parseOperand();
            if (!second)
                return nullptr;
            node->children.push_back(second);
        }
        if (!expectSymbol(")"))
            return nullptr;
        return node;
    }

    NodePtr parsePrimary(int depth)
    {
        if (peek().isSymbol("(")) {
            next();
            NodePtr inner = parseOr(depth + 1);
            if (!inner || !expectSymbol(")"))
                return nullptr;
            return inner;
        }
        if (peek().type == TokenType::Identifier && peek(1).isSymbol("(") && !isReserved(peek()))
            return parseFunction();

        const Token start = peek();
        NodePtr left = parseOperand();
        if (!left)
            return nullptr;
        const Token op = peek();
        if (op.isKeyword("IN") || op.isKeyword("NIN")) {
            next();
            auto node = std::make_shared<Node>();
            node->kind = op.isKeyword("IN") ? Node::Kind::In : Node::Kind::NotIn;
            node->children.push_back(left);
            if (!expectSymbol("["))
                return nullptr;
            if (!peek().isSymbol("]")) {
                while (true) {
                    const Token item = peek();
                    const std::optional<QJsonValue> literal = parseLiteral();
                    if (!literal) {
                        failure(item, tr("expected a literal in the list but found %1").arg(describe(item)));
                        return nullptr;
                    }
                    node->list.append(*literal);
                    if (!peek().isSymbol(","))
                        break;
                    next();
                }
            }
            if (!expectSymbol("]"))
                return nullptr;
            return node;
        }
        static const char *const Comparisons[] = {"=", "!=", "<>", "<", ">", "<=", ">="};
        for (const char *comparison : Comparisons) {
            if (op.isSymbol(comparison)) {
                next();
                NodePtr right = parseOperand();
                if (!right)
                    return nullptr;
                auto node = std::make_shared<Node>();
                node->kind = Node::Kind::Compare;
                node->op = op.text;
                node->children.push_back(left);
                node->children.push_back(right);
                return node;
            }
        }
        if (left->kind == Node::Kind::Literal && left->literal.isBool())
            return left;
        failure(op,
                tr("expected a comparison (=, !=, <>, <, >, <=, >=, IN) after %1 but found %2")
                    .arg(describe(start), describe(op)));
        return nullptr;
    }

    QString m_sql;
    std::vector<Token> m_tokens;
    size_t m_position = 0;
    std::optional<ServiceError> m_error;
};

// --- DeviceQuery -----------------------------------------------------------------------------------------

Result<DeviceQuery> DeviceQuery::parse(const QString &sql)
{
    return DeviceQueryParser(sql).parse();
}

QString DeviceQuery::itemType() const
{
    return m_selectAll ? QStringLiteral("twin") : QStringLiteral("raw");
}

bool DeviceQuery::matches(const QJsonObject &document) const
{
    return !m_where || m_where->test(document);
}

QJsonObject DeviceQuery::project(const QJsonObject &document) const
{
    if (m_selectAll)
        return document;
    QJsonObject item;
    for (const Projection &projection : m_projections) {
        const QJsonValue value = valueAt(document, projection.path);
        if (!value.isUndefined())
            item.insert(projection.alias, value);
    }
    return item;
}

QJsonObject DeviceQuery::aggregate(qint64 count) const
{
    return QJsonObject {{m_countAlias, count}};
}

QJsonValue DeviceQuery::valueAt(const QJsonObject &document, const QStringList &path)
{
    QJsonValue current = document;
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        const QJsonObject object = current.toObject();
        QJsonValue next = object.value(path.at(i));
        if (next.isUndefined() && i == 0) {
            // Top-level twin fields are matched without regard to case ("DeviceId", "LastActivityTime").
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key().compare(path.at(i), Qt::CaseInsensitive) == 0) {
                    next = it.value();
                    break;
                }
            }
        }
        current = next;
    }
    return current;
}

} // namespace TwinBridge::Sandbox
