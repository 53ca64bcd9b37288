// IngestServer over real sockets: TTS's events contract (200 only after the sink persisted, then
// eventsPersisted), every refusal with its status and a sentence (401 key, 404 application/path, 405 + Allow,
// 400 naming the event and field, 411 chunked, 413 from the Content-Length alone — before the body is sent —
// and with a real 1 MB + 1 body, 503 + Retry-After when the sink fails), exactly 1 MB accepted, /metrics and
// /healthz, loopback-only binding unless allowed, and HTTPS with a configured certificate and key.
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/core/Clock.h"
#include "services/core/Futures.h"
#include "services/engine/IngestServer.h"
#include "services/engine/IngestSink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

namespace {

const QString App = QStringLiteral("demo-app");
const QByteArray Key = "NNSXS.INGESTKEYINGESTKEYINGESTKEYINGESTKEY123.secretsecretsecret";

class TestSink : public IngestSink
{
public:
    enum class Mode { Succeed, Fail, Defer };
    Mode mode = Mode::Succeed;
    QList<QList<IngestEvent>> batches;
    Futures::SharedPromise<Status> deferred;

    QFuture<Status> persist(const QList<IngestEvent> &events) override
    {
        batches.append(events);
        switch (mode) {
        case Mode::Succeed:
            return Futures::ready(Status(Done {}));
        case Mode::Fail:
            return Futures::ready(Status(ServiceError(ServiceError::Kind::Backend, QStringLiteral("disk full"))));
        case Mode::Defer:
            deferred = Futures::startedPromise<Status>();
            return deferred->future();
        }
        return {};
    }
};

struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray raw;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString message() const { return json().value(QStringLiteral("message")).toString(); }
};

RawResponse parseResponse(const QByteArray &raw)
{
    RawResponse response;
    response.raw = raw;
    QByteArray rest = raw;
    // Skip interim 100 Continue answers.
    while (rest.startsWith("HTTP/1.1 100")) {
        const qsizetype end = rest.indexOf("\r\n\r\n");
        rest = rest.mid(end + 4);
    }
    const qsizetype end = rest.indexOf("\r\n\r\n");
    if (end < 0)
        return response;
    const QList<QByteArray> lines = rest.left(end).split('\n');
    response.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    response.body = rest.mid(end + 4);
    return response;
}

// Sends raw bytes and collects everything until the server closes the connection.
RawResponse exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    [&] { QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState); }();
    socket.write(request);
    [&] { QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000); }();
    received += socket.readAll();
    return parseResponse(received);
}

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                   const QList<QByteArray> &extraHeaders = {}, bool withKey = true)
{
    QByteArray text = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (withKey)
        text += "Authorization: Bearer " + Key + "\r\n";
    for (const QByteArray &header : extraHeaders)
        text += header + "\r\n";
    if (!body.isEmpty() || method == "POST")
        text += "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    text += "\r\n" + body;
    return text;
}

QByteArray eventsPath()
{
    return IngestServer::eventsPath(App).toUtf8();
}

QByteArray oneEvent(const QByteArray &deviceId, const QByteArray &padding = {})
{
    return "{\"end_device_ids\":{\"application_ids\":{\"application_id\":\"demo-app\"},\"device_id\":\"" + deviceId +
        "\"},\"body\":{\"version\":3,\"properties\":{\"desired\":{\"decodedPayload\":{\"led\":\"" + padding +
        "\"},\"$version\":2}}},\"properties\":{\"hubName\":\"hub\",\"deviceId\":\"" + deviceId +
        "\",\"opType\":\"updateTwin\",\"iothub-message-schema\":\"twinChangeNotification\"}}";
}

QByteArray batch(const QList<QByteArray> &events)
{
    return "{\"events\":[" + events.join(',') + "]}";
}

// A valid batch of exactly `size` bytes.
QByteArray batchOfSize(qsizetype size)
{
    const QByteArray empty = batch({oneEvent("dev-1")});
    return batch({oneEvent("dev-1", QByteArray(size - empty.size(), 'x'))});
}

} // namespace

class TestIngestServer : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_sink = std::make_unique<TestSink>();
        IngestServer::Options options;
        options.applicationId = App;
        options.ingestKey = Key;
        m_server = std::make_unique<IngestServer>(options);
        m_server->setSink(m_sink.get());
        Result<quint16> port = m_server->listen();
        QVERIFY2(port.ok(), qPrintable(port.error().message()));
        m_port = port.value();
        QCOMPARE(m_server->url().toString(), QStringLiteral("http://127.0.0.1:%1").arg(m_port));
        QCOMPARE(m_server->stackBaseUrl().toString(), QStringLiteral("http://127.0.0.1:%1/api/v3").arg(m_port));
    }

    void cleanup()
    {
        m_server.reset();
        m_sink.reset();
    }

    void acceptsBatchAfterPersisting()
    {
        QSignalSpy persisted(m_server.get(), &IngestServer::eventsPersisted);
        const RawResponse response =
            exchange(m_port, request("POST", eventsPath(), batch({oneEvent("dev-1"), oneEvent("dev-2")})));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, QByteArray("{}"));
        QCOMPARE(response.header("Connection"), QByteArray("close"));
        QCOMPARE(m_sink->batches.size(), 1);
        QCOMPARE(m_sink->batches.first().size(), 2);
        QCOMPARE(m_sink->batches.first().at(1).deviceId, QStringLiteral("dev-2"));
        QCOMPARE(persisted.size(), 1);
        QCOMPARE(persisted.first().first().value<QList<IngestEvent>>().size(), 2);
        QCOMPARE(m_server->statistics().batchesAccepted, 1u);
        QCOMPARE(m_server->statistics().eventsAccepted, 2u);
    }

    void answersOnlyAfterTheSinkConfirmed()
    {
        m_sink->mode = TestSink::Mode::Defer;
        QSignalSpy persisted(m_server.get(), &IngestServer::eventsPersisted);
        QTcpSocket socket;
        QByteArray received;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write(request("POST", eventsPath(), batch({oneEvent("dev-1")})));
        QTRY_COMPARE(m_sink->batches.size(), 1);
        // The sink has the batch but has not confirmed: no answer, nothing to process yet.
        QCoreApplication::processEvents();
        QVERIFY(received.isEmpty());
        QCOMPARE(persisted.size(), 0);
        Futures::fulfil(m_sink->deferred, Status(Done {}));
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(parseResponse(received).status, 200);
        QCOMPARE(persisted.size(), 1);
    }

    void serverGoesWhileTheSinkWorks()
    {
        m_sink->mode = TestSink::Mode::Defer;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write(request("POST", eventsPath(), batch({oneEvent("dev-1")})));
        QTRY_COMPARE(m_sink->batches.size(), 1);
        m_server.reset();
        // The sink finishes after the server is gone: nothing is answered, nothing breaks.
        Futures::fulfil(m_sink->deferred, Status(Done {}));
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QVERIFY(socket.readAll().isEmpty());
    }

    void sinkFailureAsksForRetry()
    {
        m_sink->mode = TestSink::Mode::Fail;
        QSignalSpy persisted(m_server.get(), &IngestServer::eventsPersisted);
        const RawResponse response = exchange(m_port, request("POST", eventsPath(), batch({oneEvent("dev-1")})));
        QCOMPARE(response.status, 503);
        QCOMPARE(response.header("Retry-After"), QByteArray("5"));
        QVERIFY2(response.message().contains(QStringLiteral("send them again")), qPrintable(response.message()));
        QCOMPARE(persisted.size(), 0);
        QCOMPARE(m_server->statistics().sinkFailures, 1u);

        m_server->setSink(nullptr);
        QCOMPARE(exchange(m_port, request("POST", eventsPath(), batch({oneEvent("dev-1")}))).status, 503);
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("words");
        QTest::addColumn<QByteArray>("allow");

        const QByteArray good = batch({oneEvent("dev-1")});
        QTest::addRow("no key") << request("POST", eventsPath(), good, {}, false) << 401
                                << QStringLiteral("no Authorization: Bearer header") << QByteArray();
        QTest::addRow("basic scheme") << request("POST", eventsPath(), good, {"Authorization: Basic eDp5"}, false)
                                      << 401 << QStringLiteral("no Authorization: Bearer header") << QByteArray();
        QTest::addRow("wrong key") << request("POST", eventsPath(), good,
                                              {"Authorization: Bearer " + Key.left(Key.size() - 1) + 'X'}, false)
                                   << 401 << QStringLiteral("ingest key is wrong") << QByteArray();
        QTest::addRow("key prefix") << request("POST", eventsPath(), good, {"Authorization: Bearer " + Key.left(10)},
                                               false)
                                    << 401 << QStringLiteral("ingest key is wrong") << QByteArray();
        QTest::addRow("other application")
            << request("POST", "/api/v3/as/applications/other-app/packages/azureiothub/events", good) << 404
            << QStringLiteral("serves application \"demo-app\", not \"other-app\"") << QByteArray();
        QTest::addRow("unknown path") << request("POST", "/api/v3/as/applications/demo-app/packages/other/events", good)
                                      << 404 << QStringLiteral("The events endpoint is POST") << QByteArray();
        QTest::addRow("get events") << request("GET", eventsPath(), {}) << 405 << QStringLiteral("Use POST")
                                    << QByteArray("POST");
        QTest::addRow("put events") << request("PUT", eventsPath(), good) << 405 << QStringLiteral("Use POST")
                                    << QByteArray("POST");
        QTest::addRow("post metrics") << request("POST", "/metrics", good) << 405 << QStringLiteral("Use GET")
                                      << QByteArray("GET, HEAD");
        QTest::addRow("malformed json") << request("POST", eventsPath(), "{\"events\":[") << 400
                                        << QStringLiteral("not valid JSON") << QByteArray();
        QTest::addRow("empty body") << request("POST", eventsPath(), {}) << 400 << QStringLiteral("body is empty")
                                    << QByteArray();
        QTest::addRow("bad opType")
            << request("POST", eventsPath(),
                       batch({oneEvent("dev-1"), QByteArray(oneEvent("dev-2")).replace("updateTwin", "mergeTwin")}))
            << 400 << QStringLiteral("events[1].properties.opType: \"mergeTwin\" is not one of") << QByteArray();
        QTest::addRow("chunked") << QByteArray("POST " + eventsPath() +
                                               " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Key +
                                               "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n")
                                 << 411 << QStringLiteral("Content-Length") << QByteArray();
        QTest::addRow("bad content length")
            << QByteArray("POST " + eventsPath() + " HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\n") << 400
            << QStringLiteral("not a valid length") << QByteArray();
    }

    void refuses()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QString, words);
        QFETCH(QByteArray, allow);

        QSignalSpy persisted(m_server.get(), &IngestServer::eventsPersisted);
        const RawResponse response = exchange(m_port, raw);
        QCOMPARE(response.status, status);
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        // TTS's error JSON: gRPC code, message, details.
        QVERIFY(response.json().value(QStringLiteral("code")).toInt() > 0);
        QVERIFY(!response.json().value(QStringLiteral("details")).toArray().isEmpty());
        QVERIFY2(response.message().contains(words), qPrintable(response.message()));
        QVERIFY2(!response.raw.contains(Key), "the key must never be echoed");
        if (!allow.isEmpty())
            QCOMPARE(response.header("Allow"), allow);
        QCOMPARE(m_sink->batches.size(), 0);
        QCOMPARE(persisted.size(), 0);
    }

    void sizeLimit_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("sendBody");
        QTest::addColumn<int>("status");

        QTest::addRow("exactly 1 MB") << qsizetype(1024 * 1024) << true << 200;
        QTest::addRow("1 MB + 1 with body") << qsizetype(1024 * 1024 + 1) << true << 413;
        QTest::addRow("1 MB + 1 headers only") << qsizetype(1024 * 1024 + 1) << false << 413;
        QTest::addRow("100 MB announced") << qsizetype(100) * 1024 * 1024 << false << 413;
    }

    void sizeLimit()
    {
        QFETCH(qsizetype, size);
        QFETCH(bool, sendBody);
        QFETCH(int, status);

        QCOMPARE(IngestServer::DefaultMaxBodyBytes, qint64(1024 * 1024));
        QByteArray head = "POST " + eventsPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Key +
            "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n";
        // Without the body the answer can only come from the headers: the server does not wait for the body.
        const QByteArray raw = sendBody ? head + batchOfSize(size) : head;
        if (sendBody)
            QCOMPARE(raw.size() - head.size(), size);
        const RawResponse response = exchange(m_port, raw);
        QCOMPARE(response.status, status);
        if (status == 413) {
            QVERIFY2(response.message().contains(QStringLiteral("accepts at most 1048576")),
                     qPrintable(response.message()));
            QCOMPARE(m_sink->batches.size(), 0);
            QCOMPARE(m_server->statistics().tooLarge, 1u);
        } else {
            QCOMPARE(m_sink->batches.size(), 1);
        }
    }

    void oversizeWithNetworkAccessManager()
    {
        // A real HTTP client posting 1 MB + 1 gets the 413 (not a reset).
        QNetworkAccessManager nam;
        QNetworkRequest post(QUrl(m_server->url().toString() + QString::fromUtf8(eventsPath())));
        post.setRawHeader("Authorization", "Bearer " + Key);
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = nam.post(post, batchOfSize(1024 * 1024 + 1));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        QCOMPARE(m_sink->batches.size(), 0);
        delete reply;
    }

    void metricsAndHealth()
    {
        m_server->setMetricsProvider([] { return QByteArray("# TYPE twinbridge_up gauge\ntwinbridge_up 1\n"); });
        bool healthy = true;
        m_server->setHealthProvider([&healthy] {
            return IngestServer::Health {healthy, QJsonObject {{QStringLiteral("outboxDepth"), 3}}};
        });
        RawResponse metrics = exchange(m_port, request("GET", "/metrics", {}, {}, false));
        QCOMPARE(metrics.status, 200);
        QCOMPARE(metrics.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QCOMPARE(metrics.body, QByteArray("# TYPE twinbridge_up gauge\ntwinbridge_up 1\n"));

        RawResponse health = exchange(m_port, request("GET", "/healthz", {}, {}, false));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(health.json().value(QStringLiteral("outboxDepth")).toInt(), 3);
        healthy = false;
        health = exchange(m_port, request("GET", "/healthz", {}, {}, false));
        QCOMPARE(health.status, 503);
        QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("unhealthy"));
    }

    void bindsLoopbackUnlessAllowed()
    {
        IngestServer::Options options;
        options.applicationId = App;
        options.address = QHostAddress(QHostAddress::AnyIPv4);
        IngestServer refused(options);
        Result<quint16> port = refused.listen();
        QVERIFY(!port.ok());
        QCOMPARE(port.error().kind(), ServiceError::Kind::NotConfigured);
        QVERIFY2(port.error().message().contains(QStringLiteral("loopback")), qPrintable(port.error().message()));
        QVERIFY(!refused.isListening());

        options.allowRemote = true;
        IngestServer allowed(options);
        port = allowed.listen();
        QVERIFY2(port.ok(), qPrintable(port.error().message()));
        QVERIFY(allowed.isListening());

        // TLS needs both files.
        IngestServer::Options half;
        half.applicationId = App;
        half.certificatePath = QStringLiteral("/nonexistent/cert.pem");
        IngestServer incomplete(half);
        QCOMPARE(incomplete.listen().error().kind(), ServiceError::Kind::NotConfigured);
        half.keyPath = QStringLiteral("/nonexistent/key.pem");
        IngestServer unreadable(half);
        port = unreadable.listen();
        QVERIFY(!port.ok());
        QVERIFY2(port.error().message().contains(QStringLiteral("/nonexistent/cert.pem")),
                 qPrintable(port.error().message()));
    }

    void closesSlowConnections()
    {
        ManualClock clock;
        IngestServer::Options options;
        options.applicationId = App;
        options.ingestKey = Key;
        options.clock = &clock;
        IngestServer server(options);
        TestSink sink;
        server.setSink(&sink);
        Result<quint16> port = server.listen();
        QVERIFY(port.ok());

        // Headers that never complete: closed after headerTimeout (and not before).
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, port.value());
        QTRY_COMPARE(slow.state(), QAbstractSocket::ConnectedState);
        slow.write("POST " + eventsPath() + " HTTP/1.1\r\nHost: x\r\n");
        QTRY_COMPARE(clock.pendingCount(), 2);
        clock.advance(std::chrono::seconds(29));
        QCoreApplication::processEvents();
        QCOMPARE(slow.state(), QAbstractSocket::ConnectedState);
        clock.advance(std::chrono::seconds(1));
        QTRY_COMPARE(slow.state(), QAbstractSocket::UnconnectedState);

        // Complete headers, a body that never comes: closed after connectionTimeout.
        const int pending = clock.pendingCount(); // the first connection's (now void) overall deadline
        QTcpSocket stuck;
        stuck.connectToHost(QHostAddress::LocalHost, port.value());
        QTRY_COMPARE(stuck.state(), QAbstractSocket::ConnectedState);
        QByteArray interim;
        connect(&stuck, &QTcpSocket::readyRead, &stuck, [&] { interim += stuck.readAll(); });
        stuck.write("POST " + eventsPath() +
                    " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n");
        // The interim answer shows the headers were checked (and that 100-continue clients are served).
        QTRY_VERIFY(interim.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
        QCOMPARE(clock.pendingCount(), pending + 2);
        stuck.write("{");
        clock.advance(std::chrono::seconds(60));
        QCoreApplication::processEvents();
        QCOMPARE(stuck.state(), QAbstractSocket::ConnectedState);
        clock.advance(std::chrono::seconds(60));
        QTRY_COMPARE(stuck.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(sink.batches.size(), 0);
    }

    void servesHttpsWithConfiguredCertificate()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        Result<Sandbox::SandboxCertificateAuthority> authority =
            Sandbox::SandboxCertificateAuthority::loadOrCreate(directory.path());
        QVERIFY2(authority.ok(), qPrintable(authority.error().message()));

        TestSink sink;
        IngestServer::Options options;
        options.applicationId = App;
        options.ingestKey = Key;
        options.certificatePath = directory.filePath(QStringLiteral("server.pem"));
        options.keyPath = directory.filePath(QStringLiteral("server.key"));
        IngestServer server(options);
        server.setSink(&sink);
        Result<quint16> port = server.listen();
        QVERIFY2(port.ok(), qPrintable(port.error().message()));
        QVERIFY(server.isTls());
        QCOMPARE(server.url().scheme(), QStringLiteral("https"));

        QNetworkAccessManager nam;
        QNetworkRequest post(QUrl(server.url().toString() + QString::fromUtf8(eventsPath())));
        post.setSslConfiguration(authority.value().clientConfiguration());
        post.setRawHeader("Authorization", "Bearer " + Key);
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json; charset=utf-8"));
        QNetworkReply *reply = nam.post(post, batch({oneEvent("dev-1")}));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(sink.batches.size(), 1);
        delete reply;

        // The size guard works on the decrypted stream too.
        reply = nam.post(post, batchOfSize(1024 * 1024 + 1));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        QCOMPARE(sink.batches.size(), 1);
        delete reply;
    }

private:
    std::unique_ptr<TestSink> m_sink;
    std::unique_ptr<IngestServer> m_server;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestIngestServer)
#include "tst_ingestserver.moc"
