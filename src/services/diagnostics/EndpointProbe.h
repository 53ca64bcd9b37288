#pragma once

#include "services/core/Clock.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

#include <chrono>
#include <optional>

class QSslSocket;

namespace TwinBridge {

// Opens one TCP connection (and, when given a TLS configuration, completes the handshake with certificate
// verification) to find out exactly why an endpoint cannot be used: the name does not resolve, the connection
// is refused, nothing answers in time, or — named — what is wrong with the server's certificate (issued by a
// CA the profile does not trust, issued for another name, expired, not yet valid…). Nothing is sent after the
// handshake; the connection is closed at once. The timeout runs on the injected Clock.
class EndpointProbe : public QObject
{
    Q_OBJECT

public:
    enum class Failure { None, HostNotFound, Refused, Timeout, Tls, Network, Canceled };
    Q_ENUM(Failure)

    struct Outcome
    {
        Failure failure = Failure::None;
        QString sentence; // what happened and what to do; for success, what was reached (and who issued the cert)
        QString detail; // Qt's text of the socket or TLS error
        QList<QSslError::SslError> sslErrors; // the certificate problems found, when failure is Tls
        bool ok() const { return failure == Failure::None; }
    };

    EndpointProbe(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~EndpointProbe() override;

    // Starts; finished() follows exactly once (also after abort()). `tls` empty = plain TCP.
    void start(const QString &host, quint16 port, const std::optional<QSslConfiguration> &tls,
               std::chrono::milliseconds timeout = std::chrono::seconds(10));
    void abort();
    bool isRunning() const { return m_socket != nullptr; }

    // "localhost" or a loopback address: plain HTTP there is a local stand-in, not a risk.
    static bool isLoopbackHost(const QString &host);
    // The sentence for a set of certificate problems of `host` (the first known problem decides).
    static QString certificateSentence(const QList<QSslError> &errors, const QString &host);

signals:
    void finished(const TwinBridge::EndpointProbe::Outcome &outcome);

private:
    void onErrorOccurred();
    void onEncrypted();
    void onConnected();
    void complete(Outcome outcome);

    Clock *m_clock;
    QPointer<QSslSocket> m_socket;
    QString m_host;
    quint16 m_port = 0;
    bool m_tls = false;
    QList<QSslError> m_sslErrors;
    quint64 m_attempt = 0;
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::EndpointProbe::Outcome)
