#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

class QHttpServer;

namespace TwinBridge::Sandbox {

class HubDirectory;
class SandboxHub;

// IoT Hub's service REST API (data plane, reference/azure-protocols.md §3) for every hub of a HubDirectory,
// over HTTPS on one port. The hub is the one the SAS token's `sr` names ("{hub}.azure-devices.net/…"), so
// several hubs share the listener while clients keep their logical host names.
//
//   PUT/GET/DELETE /devices/{id}     create (no If-Match) or update (If-Match), read, delete
//   GET /devices?top=N               list (at most 1000)
//   POST /devices                    bulk registry changes (1–100 entries)
//   GET/PATCH/PUT /twins/{id}        read, merge-patch, replace a twin (If-Match on the twin etag)
//   POST /devices/query              query with x-ms-max-item-count / x-ms-continuation, x-ms-item-type
//   GET /statistics/devices          registry statistics
//
// Every request needs `api-version` and `Authorization: SharedAccessSignature …` of a policy with the right
// (RegistryRead, RegistryWrite or ServiceConnect); the token must cover the request's resource
// ("{host}{path}"). Etags travel quoted in the ETag header. Errors carry IoT Hub's error envelope and the
// `iothub-errorcode` header; an injected outage answers 503 and added latency delays every answer.
class IotHubRestEndpoint : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QString encodedPath; // as on the wire, e.g. "/devices/a%3Ab"
        QUrlQuery query;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const; // case-insensitive
    };

    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const; // case-insensitive
    };

    // The envelope of error bodies: IoT Hub's classic {"Message":"ErrorCode:…;…","ExceptionMessage":"Tracking
    // ID:…"} (the default; the shape Microsoft's Node SDK parses) or {"errorCode":404001,"trackingId",…}.
    enum class ErrorEnvelope { Legacy, Modern };

    explicit IotHubRestEndpoint(HubDirectory *hubs, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~IotHubRestEndpoint() override;

    // Listens with TLS (SandboxCertificateAuthority::serverConfiguration()) on `address`:`port` (0 = any
    // free port) and returns the port.
    Result<quint16> listen(const QSslConfiguration &tls, const QHostAddress &address = QHostAddress::LocalHost,
                           quint16 port = 0);
    quint16 port() const;
    QUrl url() const; // https://127.0.0.1:{port}

    void setErrorEnvelope(ErrorEnvelope envelope);
    ErrorEnvelope errorEnvelope() const;

    // The whole request handling without sockets and without the added-latency delay (tests use it directly).
    Response handle(const Request &request);
    // The added latency (faults) of the hub a request is for, 0 if none or unknown.
    int addedLatencyMs(const Request &request) const;

signals:
    void requestHandled(const QByteArray &method, const QString &path, int status);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
