#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QRegularExpression>
#include <QUrl>

#include <functional>
#include <optional>

namespace TwinBridge::Test {

// A QNetworkAccessManager that never touches the network: it answers by method + URL path with canned
// status, headers and body, records every request, and can inject timeouts, connection resets and replies
// that never finish. Inject it wherever a client takes a QNetworkAccessManager*.
class FakeNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT

public:
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError; // transport error instead of an answer
        bool hang = false;                                            // never finishes (until aborted)

        Response &header(const QByteArray &name, const QByteArray &value)
        {
            headers.append(qMakePair(name, value));
            return *this;
        }
    };

    struct Request
    {
        QByteArray method;
        QUrl url;
        QNetworkRequest request;
        QByteArray body;

        QByteArray header(const QByteArray &name) const { return request.rawHeader(name); }
        QString path() const { return url.path(); }
    };

    using Handler = std::function<std::optional<Response>(const Request &)>;

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);

    // Answers `method` requests whose URL path matches `path` exactly, or the regular expression when
    // `path` starts with '^'. Responses added for the same route are used in order; the last one stays.
    void on(const QByteArray &method, const QString &path, Response response);
    // A handler consulted before the routes (return std::nullopt to fall through).
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void clearRoutes();

    static Response json(int status, const QJsonValue &body);
    static Response text(int status, const QByteArray &body, const QByteArray &contentType = "text/plain");
    static Response empty(int status);
    static Response transportError(QNetworkReply::NetworkError error);
    static Response timeout() { return transportError(QNetworkReply::TimeoutError); }
    static Response reset() { return transportError(QNetworkReply::RemoteHostClosedError); }
    static Response hanging();

    const QList<Request> &requests() const { return m_requests; }
    QList<Request> requestsTo(const QByteArray &method, const QString &path) const;
    const QList<Request> &unmatched() const { return m_unmatched; }
    int openReplies() const { return m_openReplies; }
    void clearRequests();

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    struct Route
    {
        QByteArray method;
        QString path;
        QRegularExpression regex;
        QList<Response> responses;
        int served = 0;
    };
    std::optional<Response> match(const Request &request);

    QList<Route> m_routes;
    Handler m_handler;
    QList<Request> m_requests;
    QList<Request> m_unmatched;
    int m_openReplies = 0;

    friend class FakeReply;
};

} // namespace TwinBridge::Test
