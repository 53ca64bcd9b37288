#include "services/tts/TtsError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace TwinBridge {

namespace {

void collectStrings(const QJsonValue &value, QStringList &out)
{
    if (value.isString()) {
        out.append(value.toString());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            collectStrings(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            collectStrings(it.value(), out);
    }
}

const QRegularExpression &wrappedMessage()
{
    // "error:pkg/auth/rights:no_user_rights (no rights for user `admin`)"
    static const QRegularExpression pattern(QStringLiteral("^error:(\\S+):([A-Za-z0-9_]+)(?: \\((.*)\\))?$"),
                                            QRegularExpression::DotMatchesEverythingOption);
    return pattern;
}

QString firstLine(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(2000)).trimmed();
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        text = text.left(newline).trimmed();
    return text;
}

QString capped(QString text, int length = 300)
{
    text = text.simplified();
    if (text.size() > length)
        text = text.left(length - 1) + QStringLiteral("…");
    return text;
}

QString quotedList(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

} // namespace

QString TtsError::Detail::renderedMessage() const
{
    if (messageFormat.isEmpty())
        return {};
    QString text = messageFormat;
    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), attributeText(it.value()));
    return text;
}

std::optional<TtsError> TtsError::parse(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return fromJson(document.object());
}

std::optional<TtsError> TtsError::fromJson(const QJsonObject &object)
{
    const QJsonValue code = object.value(QStringLiteral("code"));
    const QJsonValue message = object.value(QStringLiteral("message"));
    const QJsonValue details = object.value(QStringLiteral("details"));
    const bool looksLikeError = (code.isDouble() || message.isString()) && (details.isUndefined() || details.isArray());
    if (!looksLikeError)
        return std::nullopt;

    TtsError error;
    error.raw = object;
    if (code.isDouble())
        error.code = int(code.toDouble());
    error.message = message.toString();
    const QJsonArray array = details.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isObject())
            continue;
        const QJsonObject entry = item.toObject();
        Detail detail;
        detail.type = entry.value(QStringLiteral("@type")).toString();
        detail.nameSpace = entry.value(QStringLiteral("namespace")).toString();
        detail.name = entry.value(QStringLiteral("name")).toString();
        detail.messageFormat = entry.value(QStringLiteral("message_format")).toString();
        detail.attributes = entry.value(QStringLiteral("attributes")).toObject();
        detail.correlationId = entry.value(QStringLiteral("correlation_id")).toString();
        const QJsonValue detailCode = entry.value(QStringLiteral("code"));
        if (detailCode.isDouble())
            detail.code = int(detailCode.toDouble());
        error.details.append(detail);
    }
    return error;
}

QString TtsError::grpcCodeName(int code)
{
    static const char *const names[] = {
        "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
        "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
        "DATA_LOSS", "UNAUTHENTICATED"};
    if (code >= 0 && code < int(std::size(names)))
        return QLatin1String(names[code]);
    return QStringLiteral("CODE_%1").arg(code);
}

QString TtsError::qualifiedName() const
{
    for (const Detail &detail : details) {
        if (!detail.name.isEmpty())
            return detail.nameSpace.isEmpty() ? detail.name : detail.nameSpace + QLatin1Char(':') + detail.name;
    }
    const QRegularExpressionMatch match = wrappedMessage().match(message);
    if (match.hasMatch())
        return match.captured(1) + QLatin1Char(':') + match.captured(2);
    return {};
}

QString TtsError::name() const
{
    const QString qualified = qualifiedName();
    const qsizetype colon = qualified.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? qualified : qualified.mid(colon + 1);
}

QString TtsError::correlationId() const
{
    for (const Detail &detail : details) {
        if (!detail.correlationId.isEmpty())
            return detail.correlationId;
    }
    return {};
}

QString TtsError::text() const
{
    for (const Detail &detail : details) {
        const QString rendered = detail.renderedMessage();
        if (!rendered.isEmpty())
            return rendered;
    }
    const QRegularExpressionMatch match = wrappedMessage().match(message);
    if (match.hasMatch() && !match.captured(3).isEmpty())
        return match.captured(3);
    return message;
}

QString TtsError::attribute(const QString &key) const
{
    for (const Detail &detail : details) {
        const QJsonValue value = detail.attributes.value(key);
        if (!value.isUndefined() && !value.isNull())
            return attributeText(value);
    }
    return {};
}

QStringList TtsError::rightsNamed() const
{
    QStringList texts;
    for (const Detail &detail : details)
        collectStrings(detail.attributes, texts);
    texts.append(message);
    static const QRegularExpression pattern(QStringLiteral("\\bRIGHT_[A-Z_]+\\b"));
    QStringList rights;
    for (const QString &text : std::as_const(texts)) {
        auto it = pattern.globalMatch(text);
        while (it.hasNext()) {
            const QString right = it.next().captured(0);
            if (!rights.contains(right))
                rights.append(right);
        }
    }
    return rights;
}

QString TtsError::scrub(QString text, const QStringList &secrets)
{
    const QString redacted = QStringLiteral("[redacted]");
    for (const QString &secret : secrets) {
        if (secret.size() >= 6)
            text.replace(secret, redacted, Qt::CaseInsensitive);
    }
    static const QRegularExpression apiKey(QStringLiteral("NNSXS\\.[A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)?"));
    text.replace(apiKey, redacted);
    return text;
}

QString TtsError::scrubKeyShapes(QString text, const QString &keep)
{
    static const QRegularExpression key(QStringLiteral("(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])"));
    qsizetype from = 0;
    QRegularExpressionMatch match;
    while ((match = key.match(text, from)).hasMatch()) {
        if (!keep.isEmpty() && match.captured(0).compare(keep, Qt::CaseInsensitive) == 0) {
            from = match.capturedEnd(0);
            continue;
        }
        text.replace(match.capturedStart(0), match.capturedLength(0), QStringLiteral("[redacted]"));
        from = match.capturedStart(0) + 10;
    }
    return text;
}

ServiceError TtsError::toServiceError(int httpStatus, const QByteArray &body, const Context &context)
{
    const std::optional<TtsError> parsed = parse(body);
    // Besides the known secrets, anything shaped like a 128-bit key (32 hex digits) is hidden: a server may
    // echo a key the current request never sent. TTS correlation ids have that shape too and stay readable.
    const QString keep = parsed ? parsed->correlationId() : QString();
    auto clean = [&context, &keep](const QString &text) {
        return capped(scrubKeyShapes(scrub(text, context.secrets), keep));
    };

    QString serverText = clean(parsed ? parsed->text() : firstLine(body));
    const QString shownText = serverText.isEmpty() ? tr("no details given") : serverText;
    const QString correlation = clean(keep);
    const QString qualified = parsed ? parsed->qualifiedName() : QString();
    const QString component = context.component ? ttsComponentName(*context.component) : QString();

    QString message;
    switch (httpStatus) {
    case 400: {
        QString field = parsed ? parsed->attribute(QStringLiteral("field")) : QString();
        if (field.isEmpty() && parsed) {
            for (const char *key : {"forbidden_paths", "paths", "field_mask_paths", "path"}) {
                field = parsed->attribute(QLatin1String(key));
                if (!field.isEmpty())
                    break;
            }
        }
        field = clean(field);
        const QString reason = parsed ? clean(parsed->attribute(QStringLiteral("reason"))) : QString();
        if (!field.isEmpty()) {
            message = tr("The Things Stack rejected the field \"%1\": %2. Correct it and try again.")
                          .arg(field, reason.isEmpty() ? shownText : reason);
        } else {
            message = tr("The Things Stack rejected the request as invalid: %1. Correct the input and try again.")
                          .arg(shownText);
        }
        break;
    }
    case 401:
        message = tr("The Things Stack did not accept the API key (%1): it is wrong, has expired or was deleted. "
                     "Create a new API key for application \"%2\" in the TTS Console and enter it in the "
                     "connection profile.")
                      .arg(shownText, context.applicationId);
        break;
    case 403: {
        const QStringList named = parsed ? parsed->rightsNamed() : QStringList();
        const QString name = parsed ? parsed->name() : QString();
        if (!named.isEmpty()) {
            message = tr("The API key lacks %1, which this needs. Add the right to the key in the TTS Console "
                         "(your application → API keys) or create a new key that has it.")
                          .arg(quotedList(named));
        } else if (name == QLatin1String("no_application_rights")) {
            message = tr("The API key has no rights on application \"%1\": it belongs to another application or "
                         "user, or it was revoked. Use a key created for this application.")
                          .arg(context.applicationId);
        } else if (!context.neededRights.isEmpty()) {
            QStringList names;
            for (TtsRights::Right right : context.neededRights)
                names.append(TtsRights::wireName(right));
            message = tr("The API key is not allowed to do this (%1). It needs %2; add the missing right to the key "
                         "in the TTS Console (your application → API keys) or create a new key that has it.")
                          .arg(shownText, quotedList(names));
        } else {
            message = tr("The API key is not allowed to do this (%1). Check the key's rights in the TTS Console "
                         "(your application → API keys).")
                          .arg(shownText);
        }
        break;
    }
    case 404:
        if (!parsed) {
            message = tr("The address answered \"not found\" with a page that is not from The Things Stack API. "
                         "Check that the cluster address ends in /api/v3, e.g. "
                         "https://eu1.cloud.thethings.network/api/v3.");
        } else if (!context.deviceId.isEmpty() && !component.isEmpty()) {
            message = tr("The device \"%1\" does not exist in application \"%2\" on the %3. Check the device id, "
                         "or create the device first.")
                          .arg(context.deviceId, context.applicationId, component);
        } else if (!context.deviceId.isEmpty()) {
            message = tr("The device \"%1\" does not exist in application \"%2\". Check the device id, or create "
                         "the device first.")
                          .arg(context.deviceId, context.applicationId);
        } else {
            message = tr("Application \"%1\" does not exist on this The Things Stack cluster, or the API key cannot "
                         "see it. Check the application id and the cluster address.")
                          .arg(context.applicationId);
        }
        break;
    case 409: {
        QString taken;
        if (parsed) {
            const QString devEui = clean(parsed->attribute(QStringLiteral("dev_eui")));
            const QString joinEui = clean(parsed->attribute(QStringLiteral("join_eui")));
            const QString deviceId = clean(parsed->attribute(QStringLiteral("device_id")));
            const QString applicationId = clean(parsed->attribute(QStringLiteral("application_id")));
            if (!devEui.isEmpty() && !joinEui.isEmpty() && !deviceId.isEmpty()) {
                taken = tr("An end device with JoinEUI %1 and DevEUI %2 is already registered as \"%3\" in "
                           "application \"%4\". ")
                            .arg(joinEui, devEui, deviceId,
                                 applicationId.isEmpty() ? context.applicationId : applicationId);
            }
        }
        const QString where = component.isEmpty() ? tr("The Things Stack") : tr("The %1").arg(component);
        message = taken +
            tr("%1 reports a conflict (%2): the DevEUI/JoinEUI or the device id is already registered — "
               "possibly left behind in the Join, Network or Application Server by an incomplete delete. "
               "Delete the leftover device (deleting from TwinBridge removes it from every registry) or use "
               "other identifiers, then try again.")
                .arg(where, shownText);
        break;
    }
    case 412:
        message = tr("The Things Stack refused the change because a precondition failed (%1). Reload the data "
                     "and try again.")
                      .arg(shownText);
        break;
    case 429:
        message = tr("The Things Stack is rate limiting this API key (%1); TwinBridge retried and gave up. Wait a "
                     "minute, then try again or lower the request rate.")
                      .arg(shownText);
        break;
    case 501:
        message = tr("This The Things Stack deployment does not offer this function (%1). Use another way to get "
                     "the same result, e.g. list the devices instead of searching them.")
                      .arg(shownText);
        break;
    case 503:
        message = tr("The Things Stack is temporarily unavailable (%1). Try again in a few minutes.").arg(shownText);
        break;
    default:
        if (httpStatus >= 500) {
            message = correlation.isEmpty()
                ? tr("The Things Stack had an internal problem (%1). Try again later; if it keeps failing, contact "
                     "your TTS operator.")
                      .arg(shownText)
                : tr("The Things Stack had an internal problem (%1). Try again later; if it keeps failing, give "
                     "the correlation id %2 to your TTS operator.")
                      .arg(shownText, correlation);
        } else {
            message = tr("The Things Stack answered with HTTP %1 (%2).").arg(httpStatus).arg(shownText);
        }
        break;
    }

    QStringList detailParts {QStringLiteral("HTTP %1").arg(httpStatus)};
    if (parsed && parsed->code != 0)
        detailParts.append(QStringLiteral("%1 (%2)").arg(grpcCodeName(parsed->code)).arg(parsed->code));
    if (!qualified.isEmpty())
        detailParts.append(clean(qualified));
    if (!correlation.isEmpty())
        detailParts.append(QStringLiteral("correlation id %1").arg(correlation));
    if (!component.isEmpty())
        detailParts.append(component);
    QString detail = detailParts.join(QStringLiteral(" · "));
    if (!serverText.isEmpty())
        detail += QStringLiteral(": ") + serverText;

    ServiceError::Kind kind = ServiceError::kindForHttpStatus(httpStatus);
    if (httpStatus == 501)
        kind = ServiceError::Kind::Unsupported;
    ServiceError error(kind, message, detail);
    if (error.kind() == ServiceError::Kind::None)
        error = ServiceError(ServiceError::Kind::MalformedResponse, message, detail);
    error.setHttpStatus(httpStatus);
    if (!qualified.isEmpty())
        error.setCode(clean(qualified));
    else if (parsed && parsed->code != 0)
        error.setCode(grpcCodeName(parsed->code));
    else
        error.setCode(QStringLiteral("HTTP %1").arg(httpStatus));
    error.setOperation(context.operation);
    if (parsed) {
        const QByteArray rawText = QJsonDocument(parsed->raw).toJson(QJsonDocument::Compact);
        const QString scrubbed = scrubKeyShapes(scrub(QString::fromUtf8(rawText), context.secrets), keep);
        error.setPayload(QJsonDocument::fromJson(scrubbed.toUtf8()).object());
    }
    return error;
}

JsonFieldReader::Options TtsError::jsonReaderOptions(const QString &what)
{
    return {.errorCode = QStringLiteral("TtsMalformedJson"),
            .errorKind = ServiceError::Kind::MalformedResponse,
            .errorContext = tr("The Things Stack sent %1 that TwinBridge cannot read. Check "
                               "that the address points at a The Things Stack API (…/api/v3) "
                               "and that TwinBridge supports its version.")
                                .arg(what),
            .integers = JsonFieldReader::Integers::NumbersOrDecimalStrings};
}

QString TtsError::attributeText(const QJsonValue &value, const QString &listSeparator)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number == double(qint64(number)) ? QString::number(qint64(number)) : QString::number(number);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            parts.append(attributeText(item, listSeparator));
        return parts.join(listSeparator);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

} // namespace TwinBridge
