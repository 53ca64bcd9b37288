#pragma once

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

namespace TwinBridge::Sandbox {

class TtsApplicationModel;

// The TTS stand-in's HTTP API under /api/v3 (reference/tts-integration.md §4), for the applications of a
// TtsApplicationModel, on 127.0.0.1 over plain HTTP (TTS's self-hosted port 1885 style; the engine's profile
// accepts http for TTS) and optionally HTTPS with the sandbox CA on a second port:
//
//   GET  /applications/{app}                       application (field_mask), RIGHT_APPLICATION_INFO
//   GET  /applications/{app}/rights                the key's rights on the application
//   GET|POST /applications/{app}/api-keys          list (no tokens; X-Total-Count) / create {"name","rights"}
//                                                  (the token only in this answer), RIGHT_APPLICATION_SETTINGS_API_KEYS
//                                                  and every right handed out
//   GET|DELETE /applications/{app}/api-keys/{id}   one key (no token) / revoke it
//   GET  /applications/{app}/devices               IS list: field_mask, limit (≤ 1000), page, order; X-Total-Count
//   POST /applications/{app}/devices               IS create {"end_device":…,"field_mask":{"paths":[…]}}
//   GET|PUT|DELETE /applications/{app}/devices/{dev}                IS get / update / delete
//   POST /{js|ns|as}/applications/{app}/devices    JS/NS/AS set (device id from the body)
//   GET|PUT|DELETE /{js|ns|as}/applications/{app}/devices/{dev}     JS/NS/AS get / set / delete
//   GET  /search/applications/{app}/devices        query, id_contains, name_contains, description_contains,
//                                                  dev_eui_contains, join_eui_contains, dev_addr_contains,
//                                                  attributes_contain[key] plus the list parameters
//   GET  /as/applications/{app}/devices/{dev}/down                the downlink queue
//   POST /as/applications/{app}/devices/{dev}/down/push|replace   {"downlinks":[…]}
//   GET  /as/applications/{app}/mqtt-connection-info              {public_address, public_tls_address, username}
//
// Requests are checked in TTS's order: route, body, field masks and request fields (400 "forbidden path(s) in
// field mask", pkg/errors:validation), then the API key (`Authorization: Bearer NNSXS.…`; unknown key 401,
// another application's key 403 no_application_rights, a missing right 403 insufficient_application_rights
// naming it), then injected faults, then the registry. Every error is TTS's error JSON with a fresh
// correlation id. The Azure IoT Hub events endpoint is not part of the stand-in (the engine implements it).
class TtsRestEndpoint : public QObject
{
    Q_OBJECT

public:
    static constexpr char BasePath[] = "/api/v3";
    static constexpr int MaxLimit = 1000;

    struct Request
    {
        QByteArray method;
        QString encodedPath; // as on the wire, e.g. "/api/v3/applications/demo-app/devices"
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

    explicit TtsRestEndpoint(TtsApplicationModel *model, QObject *parent = nullptr);
    ~TtsRestEndpoint() override;

    // Plain HTTP on `address`:`port` (0 = a free port); returns the port.
    Result<quint16> listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // HTTPS with `tls` (SandboxCertificateAuthority::serverConfiguration()) on a second port.
    Result<quint16> listenTls(const QSslConfiguration &tls, const QHostAddress &address = QHostAddress::LocalHost,
                              quint16 port = 0);
    void close();
    quint16 port() const;
    quint16 tlsPort() const;
    // "http://127.0.0.1:P/api/v3" and "https://127.0.0.1:P/api/v3" (empty when not listening).
    QUrl apiUrl() const;
    QUrl tlsApiUrl() const;

    // What mqtt-connection-info answers: "host:port" of the broker's plain and TLS listeners (empty = unknown,
    // left out of the answer).
    void setMqttAddresses(const QString &publicAddress, const QString &publicTlsAddress);

    // The whole request handling without sockets (tests use it directly).
    Response handle(const Request &request);

signals:
    void requestHandled(const QByteArray &method, const QString &path, int status);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
