#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QByteArray>
#include <QFuture>
#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>

namespace TwinBridge::Sandbox {

class SandboxCertificateAuthority;

// The TTS stand-in's MQTT front end: a real mosquitto broker (Debian package `mosquitto`, 2.0) that the
// sandbox starts as a child process with a generated configuration, as TTS's Application Server MQTT server
// behaves for an integration (reference/tts-integration.md):
//  - a plain listener and (with certificates) a TLS listener on free ports of 127.0.0.1, the TLS one with the
//    sandbox CA's server certificate (it names 127.0.0.1 and localhost), TLS 1.2 or later;
//  - no anonymous access; the password file holds the application users `{app}@{tenant}` with their API key
//    as password (mosquitto's own PBKDF2-SHA512 format, written here, 0600), and the ACL limits each such
//    user to `v3/{app}@{tenant}/#` — subscribing elsewhere gets nothing, publishing elsewhere is dropped
//    (mosquitto's behaviour for ACL denials on MQTT 3.1.1);
//  - an internal account (internalUsername(), a random password per start that is never written to
//    sandbox.json) with `v3/#` for the sandbox's own publisher and subscriber (virtual devices);
//  - no persistence: retained messages and sessions do not survive a restart.
// Files, all in `<stateDir>/tts/mqtt/` and rewritten on every start: mosquitto.conf, passwords, acl.
//
// Process handling: `mosquitto -c <conf>` as a QProcess (Options::executable, else `mosquitto` on PATH or in
// /usr/sbin, /usr/local/sbin; missing → NotConfigured "mosquitto was not found — install the Debian package
// mosquitto" at once). start() resolves when both listeners accept a TCP connection, or with an error that
// quotes the broker's last stderr lines (a port taken meanwhile is retried on new ports). The child gets
// PR_SET_PDEATHSIG (SIGTERM), so it ends with the thread that started it even when the sandbox is killed;
// stop() sends SIGTERM and SIGKILL after Options::stopTimeout. Its stderr goes to the twinbridge.sandbox
// debug log.
//
// API keys change at run time (the TTS REST stand-in creates, rotates and deletes them):
// setApplicationKeys() rewrites the password file and sends SIGHUP; the future resolves once mosquitto
// reported "Reloading config.", after which new CONNECTs see the new keys (mosquitto also re-checks connected
// clients and drops those whose key is gone). mosquitto keeps ONE password per user: of several keys the
// LAST one in the list is the MQTT password (TTS accepts any key with the traffic rights — a documented
// difference of the sandbox).
class MosquittoBroker : public QObject
{
    Q_OBJECT

public:
    static constexpr char InternalUsername[] = "twinbridge-sandbox-internal";

    struct Options
    {
        QString stateDirectory; // required; files go to <stateDirectory>/tts/mqtt
        QString executable; // empty: find `mosquitto`
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0; // plain listener, 0 = a free port
        quint16 tlsPort = 0; // TLS listener, 0 = a free port
        bool tls = true; // needs the three files below
        QString certificateFile; // server certificate chain (PEM)
        QString keyFile;
        QString caFile;
        std::chrono::milliseconds startTimeout = std::chrono::seconds(15);
        std::chrono::milliseconds stopTimeout = std::chrono::seconds(5);
        std::chrono::milliseconds reloadTimeout = std::chrono::seconds(10);

        // The TLS files of the sandbox CA (server.pem, server.key, ca.pem in its directory).
        void useCertificates(const SandboxCertificateAuthority &ca);
    };

    explicit MosquittoBroker(Options options, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~MosquittoBroker() override; // kills a running broker

    // Writes the files and starts mosquitto; resolves when both listeners accept connections.
    QFuture<Status> start();
    // SIGTERM, then SIGKILL after stopTimeout; resolves when the process is gone. Safe when not running.
    QFuture<void> stop();
    bool isRunning() const;
    qint64 processId() const;

    QString host() const; // "127.0.0.1"
    quint16 port() const; // plain listener (0 until started)
    quint16 tlsPort() const; // TLS listener (0 without TLS or until started)

    // `{app}@{tenant}`: the application user of TTS's MQTT server.
    static QString applicationUsername(const QString &applicationId, const QString &tenantId);
    // The application's API keys that may use MQTT (the last one is the password mosquitto accepts; none:
    // the user is removed). Works before start() too (then nothing is reloaded).
    QFuture<Status> setApplicationKeys(const QString &applicationId, const QString &tenantId, const QStringList &keys);

    QString internalUsername() const { return QString::fromLatin1(InternalUsername); }
    QByteArray internalPassword() const; // random per start; never logged or written to sandbox.json

    QString configurationPath() const;
    QString directory() const;
    // The broker's last stderr lines (for error messages and tests).
    QString recentOutput() const;

    // Where mosquitto would be started from: Options::executable if set, else the search result (empty if none).
    static QString findExecutable(const QString &configured = {});

signals:
    // The broker stopped while nobody asked it to (crash, killed): the message quotes its last output.
    void stoppedUnexpectedly(const TwinBridge::ServiceError &error);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
