#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace TwinBridge {

// A bearer token for one set of scopes. The token value is a secret: never log it, never put it in an error.
// There is deliberately no QDebug operator for this type.
struct AccessToken
{
    QString token;
    QDateTime expiresOn; // UTC
    QStringList scopes;

    bool isValid() const { return !token.isEmpty() && expiresOn.isValid(); }
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::AccessToken)
