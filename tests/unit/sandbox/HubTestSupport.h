#pragma once

#include "sandbox/hub/HubTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtGlobal>

// Small helpers shared by the sandbox hub tests.
namespace TwinBridge::Sandbox::Test {

inline QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON: %s (%s)", qPrintable(error.errorString()), text);
    return document.object();
}

inline QJsonObject bodyOf(const HubMessage &message)
{
    return QJsonDocument::fromJson(message.bodyBytes()).object();
}

inline QString compactText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The same JSON with every string value replaced by its type name ("string"), so that documents with
// generated timestamps and etags can be compared structurally with the reference examples.
inline QJsonValue shape(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject result;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            result.insert(it.key(), shape(it.value()));
        return result;
    }
    if (value.isArray()) {
        QJsonArray result;
        for (const QJsonValue &item : value.toArray())
            result.append(shape(item));
        return result;
    }
    if (value.isString())
        return QStringLiteral("string");
    if (value.isDouble())
        return QStringLiteral("number");
    if (value.isBool())
        return QStringLiteral("bool");
    return value;
}

} // namespace TwinBridge::Sandbox::Test
