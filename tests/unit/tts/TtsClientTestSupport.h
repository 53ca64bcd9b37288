#pragma once

#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"
#include "TtsTestSupport.h"

#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

namespace TwinBridge::TtsTest {

inline const QString AppId = QStringLiteral("my-test-app");
inline const QString ApiKey = QStringLiteral(
    "NNSXS.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABC.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOP");
inline const QUrl BaseUrl = QUrl(QStringLiteral("https://eu1.cloud.thethings.network/api/v3"));

using Query = QList<QPair<QString, QString>>;

inline Query queryOf(const Test::FakeNetworkAccessManager::Request &request)
{
    return QUrlQuery(request.url).queryItems(QUrl::FullyDecoded);
}

inline QJsonObject bodyOf(const Test::FakeNetworkAccessManager::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

// "GET /api/v3/applications/…" for each recorded request, to assert order.
inline QStringList requestLines(const Test::FakeNetworkAccessManager &nam)
{
    QStringList lines;
    for (const auto &request : nam.requests())
        lines.append(QString::fromLatin1(request.method) + QLatin1Char(' ') + request.url.path());
    return lines;
}

inline Test::FakeNetworkAccessManager::Response ttsError(int status, int code, const char *qualifiedName,
                                                         const char *text, const QJsonObject &attributes = {})
{
    const QString name = QLatin1String(qualifiedName);
    const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
    QJsonObject detail {{QStringLiteral("@type"), QStringLiteral("type.googleapis.com/ttn.lorawan.v3.ErrorDetails")},
                        {QStringLiteral("namespace"), name.left(colon)},
                        {QStringLiteral("name"), name.mid(colon + 1)},
                        {QStringLiteral("message_format"), QLatin1String(text)},
                        {QStringLiteral("correlation_id"), QStringLiteral("0c9f1c2d")},
                        {QStringLiteral("code"), code}};
    if (!attributes.isEmpty())
        detail.insert(QStringLiteral("attributes"), attributes);
    return Test::FakeNetworkAccessManager::json(
        status,
        QJsonObject {{QStringLiteral("code"), code},
                     {QStringLiteral("message"), QStringLiteral("error:%1 (%2)").arg(name, QLatin1String(text))},
                     {QStringLiteral("details"), QJsonArray {detail}}});
}

} // namespace TwinBridge::TtsTest
