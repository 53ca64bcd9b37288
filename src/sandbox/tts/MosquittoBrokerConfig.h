#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>

namespace TwinBridge::Sandbox {

// The files MosquittoBroker writes for mosquitto 2.0 (pure functions, so they are tested on their own):
//  - the password file in mosquitto's own format (what `mosquitto_passwd` writes, mosquitto 2.0's default
//    hash): `user:$7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512(password, salt, iterations, 64)>`,
//    12 random salt bytes, 101 iterations (mosquitto 2.0's PW_DEFAULT_ITERATIONS);
//  - the ACL file: each user may read and write below its own prefix only;
//  - mosquitto.conf.
class MosquittoBrokerConfig
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::Sandbox::MosquittoBrokerConfig)

public:
    static constexpr int DefaultIterations = 101;
    static constexpr int SaltLength = 12;

    struct Account
    {
        QString username;
        QByteArray password;
        QString topicPrefix; // the user may use `{topicPrefix}/#` and nothing else
    };

    struct Listener
    {
        quint16 port = 0;
        bool tls = false;
    };

    struct Settings
    {
        QString bindAddress = QStringLiteral("127.0.0.1");
        QList<Listener> listeners;
        QString passwordFile;
        QString aclFile;
        QString certificateFile; // server certificate chain (PEM), for TLS listeners
        QString keyFile;
        QString caFile;
        QString runAsUser; // mosquitto drops root privileges to this user ("root" keeps them)
    };

    // One password file line (with the newline). `salt` must be SaltLength bytes.
    static QByteArray passwordLine(const QString &username, const QByteArray &password, const QByteArray &salt,
                                   int iterations = DefaultIterations);
    // The same with a random salt.
    static QByteArray passwordLine(const QString &username, const QByteArray &password);
    // Whether `line` (a password file line, as mosquitto_passwd writes it) accepts `password` for `username`.
    static bool verifyPasswordLine(const QByteArray &line, const QString &username, const QByteArray &password);

    static QByteArray passwordFile(const QList<Account> &accounts);
    static QByteArray aclFile(const QList<Account> &accounts);
    static QByteArray configuration(const Settings &settings);

    // A user name mosquitto's files can hold (no ':', whitespace, control characters, '#', '+'); InvalidInput.
    static Status checkUsername(const QString &username);
};

} // namespace TwinBridge::Sandbox
