#pragma once

// Helpers for the TTS stand-in tests: requests to TtsRestEndpoint::handle() and the pieces of TTS's error JSON.

#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsRestEndpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace TwinBridge::Sandbox::TtsTest {

inline QJsonObject parse(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

inline QJsonObject parse(const char *text)
{
    return parse(QByteArray(text));
}

// `path` is below /api/v3 and may carry a query ("/applications/demo-app/devices?limit=2").
inline TtsRestEndpoint::Response call(TtsRestEndpoint &endpoint, const QByteArray &method, const QString &path,
                                      const QString &apiKey, const QByteArray &body = {})
{
    TtsRestEndpoint::Request request;
    request.method = method;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    request.encodedPath = QStringLiteral("/api/v3") + (question < 0 ? path : path.left(question));
    if (question >= 0)
        request.query = QUrlQuery(path.mid(question + 1));
    if (!apiKey.isEmpty())
        request.headers.append({"Authorization", "Bearer " + apiKey.toUtf8()});
    request.body = body;
    return endpoint.handle(request);
}

inline QJsonObject bodyOf(const TtsRestEndpoint::Response &response)
{
    return parse(response.body);
}

inline QJsonObject detailOf(const TtsRestEndpoint::Response &response)
{
    return bodyOf(response).value(QStringLiteral("details")).toArray().at(0).toObject();
}

// "namespace:name" of an error answer.
inline QString errorName(const TtsRestEndpoint::Response &response)
{
    const QJsonObject detail = detailOf(response);
    return detail.value(QStringLiteral("namespace")).toString() + QLatin1Char(':') +
        detail.value(QStringLiteral("name")).toString();
}

inline QJsonObject errorAttributes(const TtsRestEndpoint::Response &response)
{
    return detailOf(response).value(QStringLiteral("attributes")).toObject();
}

inline QStringList strings(const QJsonValue &value)
{
    QStringList result;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        result.append(item.toString());
    return result;
}

// The ids of a device list answer, in order.
inline QStringList deviceIds(const TtsRestEndpoint::Response &response)
{
    QStringList ids;
    const QJsonArray devices = bodyOf(response).value(QStringLiteral("end_devices")).toArray();
    for (const QJsonValue &device : devices)
        ids.append(device.toObject().value(QStringLiteral("ids")).toObject().value(QStringLiteral("device_id")).toString());
    return ids;
}

inline QByteArray deviceBody(const QJsonObject &endDevice, const QStringList &paths)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("end_device"), endDevice},
                                      {QStringLiteral("field_mask"),
                                       QJsonObject {{QStringLiteral("paths"), QJsonArray::fromStringList(paths)}}}})
        .toJson(QJsonDocument::Compact);
}

inline TtsApplicationModel::ProvisionSpec spec(const QString &deviceId, const QString &devEui)
{
    TtsApplicationModel::ProvisionSpec result;
    result.deviceId = deviceId;
    result.devEui = devEui;
    result.joinEui = QStringLiteral("70B3D57ED0000000");
    result.appKey = QStringLiteral("00112233445566778899AABBCCDDEEFF");
    return result;
}

} // namespace TwinBridge::Sandbox::TtsTest
