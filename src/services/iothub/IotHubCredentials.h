#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace TwinBridge {

// What the service REST client needs to reach and sign for a hub. `policyKey` is a secret: it never goes
// to logs, settings or error messages.
struct IotHubCredentials
{
    QString hostName; // the logical host, "myhub.azure-devices.net"; the SAS token is signed for it
    QUrl restEndpoint; // optional override (the sandbox); default https://{hostName}
    QString policyName; // e.g. "iothubowner"
    QByteArray policyKey;

    QUrl endpoint() const
    {
        if (restEndpoint.isValid() && !restEndpoint.isEmpty())
            return restEndpoint;
        QUrl url;
        url.setScheme(QStringLiteral("https"));
        url.setHost(hostName);
        return url;
    }

    // "myhub" for "myhub.azure-devices.net".
    QString hubName() const { return hostName.section(QLatin1Char('.'), 0, 0); }
};

} // namespace TwinBridge
