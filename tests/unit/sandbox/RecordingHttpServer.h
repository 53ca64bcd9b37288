#pragma once

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>

// A local HTTP server for sandbox tests that stands in for TTS's events endpoint: it records every request
// and answers with the queued statuses (the last one repeats).
namespace TwinBridge::Sandbox::Test {

struct RecordedRequest
{
    QByteArray method;
    QString path;
    QString query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int status = 0; // what the server answered

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
    QJsonArray events() const
    {
        return QJsonDocument::fromJson(body).object().value(QStringLiteral("events")).toArray();
    }
};

class RecordingHttpServer
{
public:
    RecordingHttpServer()
    {
        m_server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            RecordedRequest recorded;
            recorded.method = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()));
            recorded.method = recorded.method.toUpper();
            recorded.path = request.url().path();
            recorded.query = request.url().query();
            recorded.headers = request.headers();
            recorded.body = request.body();
            const int status = m_statuses.size() > 1 ? m_statuses.takeFirst() : m_statuses.constFirst();
            recorded.status = status;
            requests.append(recorded);
            responder.write(QByteArray("{}"), QByteArray("application/json"), QHttpServerResponder::StatusCode(status));
        });
        port = m_server.listen(QHostAddress::LocalHost, 0);
    }

    void answer(QList<int> statuses) { m_statuses = std::move(statuses); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1/api/v3").arg(port); }

    QList<RecordedRequest> requests;
    quint16 port = 0;

private:
    QHttpServer m_server;
    QList<int> m_statuses {200};
};

} // namespace TwinBridge::Sandbox::Test
