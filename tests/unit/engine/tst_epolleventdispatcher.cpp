#include "DeviceHubFixture.h"

#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/EpollEventDispatcher.h"
#include "services/engine/IotHubDeviceClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

// EpollEventDispatcher as the main thread's dispatcher: timers, posted events and deferred deletes, socket
// notifiers (Qt's TCP sockets and the device connections' TlsStream), wake-ups from other threads, nested
// event loops — and a device connection end to end against the sandbox endpoint on the same loop.
class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void isInstalled();
    void singleShotAndRepeatingTimers();
    void stoppedTimerDoesNotFire();
    void postedEventsAndDeleteLater();
    void wakesUpForOtherThreads();
    void tcpRoundTrip();
    void deviceConnectionEndToEnd();
};

void TestEpollEventDispatcher::isInstalled()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance())->isValid());
}

void TestEpollEventDispatcher::singleShotAndRepeatingTimers()
{
    QElapsedTimer elapsed;
    elapsed.start();
    bool fired = false;
    qint64 firedAfter = 0;
    QTimer::singleShot(50ms, this, [&] {
        fired = true;
        firedAfter = elapsed.elapsed();
    });
    QTRY_VERIFY(fired);
    QVERIFY2(firedAfter >= 49, qPrintable(QString::number(firedAfter)));

    QTimer repeating;
    repeating.setInterval(10ms);
    int ticks = 0;
    connect(&repeating, &QTimer::timeout, this, [&] { ++ticks; });
    repeating.start();
    QVERIFY(repeating.remainingTime() >= 0);
    QTRY_VERIFY(ticks >= 5);
    repeating.stop();
    QCOMPARE(repeating.remainingTime(), -1);
}

void TestEpollEventDispatcher::stoppedTimerDoesNotFire()
{
    QTimer never;
    never.setSingleShot(true);
    never.setInterval(20ms);
    QSignalSpy spy(&never, &QTimer::timeout);
    never.start();
    never.stop();
    bool later = false;
    QTimer::singleShot(100ms, this, [&] { later = true; });
    QTRY_VERIFY(later);
    QCOMPARE(spy.size(), 0);
}

void TestEpollEventDispatcher::postedEventsAndDeleteLater()
{
    int calls = 0;
    for (int i = 0; i < 3; ++i)
        QMetaObject::invokeMethod(
            this, [&calls] { ++calls; }, Qt::QueuedConnection);
    QTRY_COMPARE(calls, 3);
    auto *doomed = new QObject;
    QSignalSpy destroyed(doomed, &QObject::destroyed);
    doomed->deleteLater();
    QVERIFY(destroyed.wait(2000));
}

void TestEpollEventDispatcher::wakesUpForOtherThreads()
{
    bool called = false;
    QThread *thread = QThread::create([this, &called] {
        QMetaObject::invokeMethod(
            this, [&called] { called = true; }, Qt::QueuedConnection);
    });
    thread->start();
    QTRY_VERIFY(called);
    QVERIFY(thread->wait(5000));
    delete thread;
}

void TestEpollEventDispatcher::tcpRoundTrip()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_VERIFY(server.hasPendingConnections());
    QTcpSocket *peer = server.nextPendingConnection();
    connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll().toUpper()); });
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    QByteArray echoed;
    connect(&client, &QTcpSocket::readyRead, this, [&] { echoed += client.readAll(); });
    const QByteArray payload(200000, 'a'); // more than one socket buffer: write notifiers too
    client.write(payload);
    QTRY_COMPARE(echoed.size(), payload.size());
    QCOMPARE(echoed, QByteArray(200000, 'A'));
    peer->disconnectFromHost();
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
}

void TestEpollEventDispatcher::deviceConnectionEndToEnd()
{
    Test::DeviceHubFixture fixture;
    QVERIFY(fixture.createAuthority());
    QVERIFY(fixture.start(Clock::system(), false, {QStringLiteral("dev-1")}));
    DeviceConnectionContext context(fixture.settings(), Clock::system());
    IotHubDeviceClient client(QStringLiteral("dev-1"), &context);
    QFuture<Status> connected = client.connectToHub();
    QTRY_VERIFY(connected.isFinished());
    QVERIFY2(connected.result().ok(), qPrintable(connected.result().error().toString()));
    QFuture<Status> sent = client.publishTelemetry("hello", {});
    QFuture<Result<qint64>> patched = client.patchReported(QJsonObject {{QStringLiteral("a"), 1}});
    QTRY_VERIFY(sent.isFinished() && patched.isFinished());
    QVERIFY(sent.result().ok());
    QVERIFY(patched.result().ok());
    QCOMPARE(fixture.hub()->recordedMessages(QStringLiteral("dev-1"), 0).size(), 1);
    client.disconnectFromHub();
    QTRY_COMPARE(fixture.endpoint()->sessionCount(), 0);
}

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
