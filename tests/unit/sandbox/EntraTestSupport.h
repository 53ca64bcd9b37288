#pragma once

// Drives the Entra ID stand-in through an AzureEndpoint without sockets: form posts to the token and device code
// endpoints, JWT decoding, and a whole device code sign-in.

#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/AzureEndpoint.h"
#include "sandbox/azure/EntraStandIn.h"
#include "services/core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

#include <memory>

namespace EntraTest {

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

using Form = QList<QPair<QString, QString>>;

inline QString tenantId()
{
    return QLatin1String(AzureDefaults::TenantId);
}

inline QString clientId()
{
    return QLatin1String(AzureDefaults::ClientId);
}

inline QString armScope()
{
    return QLatin1String(AzureDefaults::ArmScope);
}

inline QByteArray encode(const Form &form)
{
    QByteArray body;
    for (const auto &field : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return body;
}

inline QJsonObject json(const AzureEndpoint::Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

inline QJsonObject jwtPart(const QString &token, int index)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(index).toLatin1(), QByteArray::Base64UrlEncoding))
        .object();
}

inline QJsonObject jwtHeader(const QString &token)
{
    return jwtPart(token, 0);
}

inline QJsonObject jwtClaims(const QString &token)
{
    return jwtPart(token, 1);
}

struct Fixture
{
    ManualClock clock;
    EntraStandIn entra {&clock};
    AzureEndpoint endpoint;

    Fixture() { entra.registerRoutes(endpoint); }

    AzureEndpoint::Response send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                                 const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        AzureEndpoint::Request request;
        request.method = method;
        request.encodedPath = path;
        const qsizetype question = path.indexOf(QLatin1Char('?'));
        if (question >= 0) {
            request.encodedPath = path.left(question);
            request.query = QUrlQuery(path.mid(question + 1));
        }
        request.headers = headers;
        bool hasHost = false;
        for (const auto &header : headers)
            hasHost = hasHost || header.first.compare("Host", Qt::CaseInsensitive) == 0;
        if (!hasHost)
            request.headers.append({QByteArray("Host"), QByteArray("127.0.0.1:4443")});
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
        request.body = body;
        return endpoint.handle(request);
    }

    AzureEndpoint::Response token(const Form &form, const QString &tenant = tenantId(),
                                  const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return send("POST", QStringLiteral("/%1/oauth2/v2.0/token").arg(tenant), encode(form), headers);
    }

    AzureEndpoint::Response deviceCode(const QString &scope, const QString &client = clientId(),
                                       const QString &tenant = tenantId())
    {
        return send("POST", QStringLiteral("/%1/oauth2/v2.0/devicecode").arg(tenant),
                    encode({{QStringLiteral("client_id"), client}, {QStringLiteral("scope"), scope}}));
    }

    AzureEndpoint::Response poll(const QString &deviceCodeValue, const QString &client = clientId(),
                                 const QString &tenant = tenantId())
    {
        return token({{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                      {QStringLiteral("client_id"), client},
                      {QStringLiteral("device_code"), deviceCodeValue},
                      {QStringLiteral("client_info"), QStringLiteral("1")}},
                     tenant);
    }

    AzureEndpoint::Response clientCredentials(const QString &scope = armScope(), const QString &secret = {})
    {
        return token({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                      {QStringLiteral("client_id"), clientId()},
                      {QStringLiteral("client_secret"), secret.isEmpty() ? entra.clientSecret() : secret},
                      {QStringLiteral("scope"), scope}});
    }

    AzureEndpoint::Response refresh(const QString &refreshToken, const QString &scope = {},
                                    const QString &client = clientId())
    {
        Form form {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                   {QStringLiteral("client_id"), client},
                   {QStringLiteral("refresh_token"), refreshToken}};
        if (!scope.isEmpty())
            form.append({QStringLiteral("scope"), scope});
        return token(form);
    }

    // A whole device code sign-in approved at once; the token answer (200) or an empty object.
    QJsonObject signIn(const QString &scope = armScope() + QStringLiteral(" openid profile offline_access"))
    {
        const QJsonObject code = json(deviceCode(scope));
        const QString userCode = code.value(QStringLiteral("user_code")).toString();
        if (!entra.approve(userCode).ok())
            return {};
        const AzureEndpoint::Response response = poll(code.value(QStringLiteral("device_code")).toString());
        return response.status == 200 ? json(response) : QJsonObject();
    }
};

} // namespace EntraTest
