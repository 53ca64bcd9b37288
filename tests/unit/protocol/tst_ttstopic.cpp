#include "services/protocol/TtsTopic.h"

#include <QTest>

using namespace TwinBridge;

Q_DECLARE_METATYPE(TtsTopic::Kind)

class TestTtsTopic : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void messageTypes();
    void ids_data();
    void ids();
    void filter();
};

void TestTtsTopic::parse_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("application");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("device");
    QTest::addColumn<TtsTopic::Kind>("kind");

    using K = TtsTopic::Kind;
    const struct
    {
        const char *suffix;
        K kind;
    } kinds[] = {
        {"up", K::Uplink},
        {"up/normalized", K::UplinkNormalized},
        {"join", K::JoinAccept},
        {"down/queued", K::DownlinkQueued},
        {"down/sent", K::DownlinkSent},
        {"down/ack", K::DownlinkAck},
        {"down/nack", K::DownlinkNack},
        {"down/failed", K::DownlinkFailed},
        {"down/invalidated", K::DownlinkQueueInvalidated},
        {"location/solved", K::LocationSolved},
        {"service/data", K::ServiceData},
        {"down/push", K::DownlinkPush},
        {"down/replace", K::DownlinkReplace},
    };
    for (const auto &entry : kinds) {
        QTest::addRow("cloud %s", entry.suffix)
            << QStringLiteral("v3/demo-app@sandbox/devices/eui-0004a30b001c0530/") + QString::fromLatin1(entry.suffix)
            << QStringLiteral("demo-app") << QStringLiteral("sandbox") << QStringLiteral("eui-0004a30b001c0530")
            << entry.kind;
    }
    QTest::addRow("open source (no tenant)") << QStringLiteral("v3/app1/devices/dev1/up") << QStringLiteral("app1")
                                             << QString() << QStringLiteral("dev1") << K::Uplink;
    QTest::addRow("ttn tenant") << QStringLiteral("v3/app1@ttn/devices/dev1/join") << QStringLiteral("app1")
                                << QStringLiteral("ttn") << QStringLiteral("dev1") << K::JoinAccept;
}

void TestTtsTopic::parse()
{
    QFETCH(QString, topic);
    QFETCH(QString, application);
    QFETCH(QString, tenant);
    QFETCH(QString, device);
    QFETCH(TtsTopic::Kind, kind);
    const auto parsed = TtsTopic::parse(topic);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().applicationId, application);
    QCOMPARE(parsed.value().tenantId, tenant);
    QCOMPARE(parsed.value().deviceId, device);
    QCOMPARE(parsed.value().kind, kind);
    QCOMPARE(parsed.value().toString(), topic);
    QCOMPARE(TtsTopic::build(application, tenant, device, kind), topic);
}

void TestTtsTopic::rejectsMalformed_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("empty") << QString() << QStringLiteral("form");
    QTest::addRow("v2 topic") << QStringLiteral("app1/devices/dev1/up") << QStringLiteral("form");
    QTest::addRow("wrong version") << QStringLiteral("v2/app1/devices/dev1/up") << QStringLiteral("form");
    QTest::addRow("no devices level") << QStringLiteral("v3/app1/gateways/dev1/up") << QStringLiteral("form");
    QTest::addRow("no event") << QStringLiteral("v3/app1/devices/dev1") << QStringLiteral("form");
    QTest::addRow("too deep") << QStringLiteral("v3/app1/devices/dev1/down/ack/x") << QStringLiteral("form");
    QTest::addRow("unknown event") << QStringLiteral("v3/app1/devices/dev1/down/unknown")
                                   << QStringLiteral("\"down/unknown\"");
    QTest::addRow("unknown single event")
        << QStringLiteral("v3/app1/devices/dev1/uplink") << QStringLiteral("\"uplink\"");
    QTest::addRow("wildcard device") << QStringLiteral("v3/app1/devices/+/up") << QStringLiteral("device id");
    QTest::addRow("upper-case device") << QStringLiteral("v3/app1/devices/Dev1/up") << QStringLiteral("device id");
    QTest::addRow("bad application") << QStringLiteral("v3/a/devices/dev1/up") << QStringLiteral("application id");
    QTest::addRow("empty tenant") << QStringLiteral("v3/app1@/devices/dev1/up") << QStringLiteral("tenant id");
    QTest::addRow("double at") << QStringLiteral("v3/app1@t@x/devices/dev1/up") << QStringLiteral("tenant id");
}

void TestTtsTopic::rejectsMalformed()
{
    QFETCH(QString, topic);
    QFETCH(QString, mentions);
    const auto parsed = TtsTopic::parse(topic);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(parsed.error().code(), QStringLiteral("InvalidTtsTopic"));
    QVERIFY2(parsed.error().message().contains(mentions), qPrintable(parsed.error().message()));
}

void TestTtsTopic::messageTypes()
{
    for (const TtsMessageType type : allTtsMessageTypes()) {
        const TtsTopic::Kind kind = TtsTopic::kindFor(type);
        QCOMPARE(TtsTopic::messageType(kind), std::optional<TtsMessageType>(type));
    }
    QCOMPARE(TtsTopic::messageType(TtsTopic::Kind::DownlinkPush), std::optional<TtsMessageType>());
    QCOMPARE(TtsTopic::messageType(TtsTopic::Kind::UplinkNormalized), std::optional<TtsMessageType>());
    QCOMPARE(TtsTopic::suffix(TtsTopic::kindFor(TtsMessageType::DownlinkQueueInvalidated)),
             QStringLiteral("down/invalidated"));
}

void TestTtsTopic::ids_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::addRow("simple") << QStringLiteral("dev") << true;
    QTest::addRow("dashes") << QStringLiteral("eui-0004a30b001c0530") << true;
    QTest::addRow("36 chars") << QString(36, QLatin1Char('a')) << true;
    QTest::addRow("37 chars") << QString(37, QLatin1Char('a')) << false;
    QTest::addRow("two chars") << QStringLiteral("ab") << false;
    QTest::addRow("dash makes three but two alnum") << QStringLiteral("a-b") << false;
    QTest::addRow("a-bc") << QStringLiteral("a-bc") << true;
    QTest::addRow("leading dash") << QStringLiteral("-abc") << false;
    QTest::addRow("trailing dash") << QStringLiteral("abc-") << false;
    QTest::addRow("double dash") << QStringLiteral("ab--cd") << false;
    QTest::addRow("upper case") << QStringLiteral("Abc") << false;
    QTest::addRow("underscore") << QStringLiteral("a_bc") << false;
}

void TestTtsTopic::ids()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(TtsTopic::isValidId(id), valid);
}

void TestTtsTopic::filter()
{
    QCOMPARE(TtsTopic::applicationFilter(QStringLiteral("demo-app"), QStringLiteral("sandbox")),
             QStringLiteral("v3/demo-app@sandbox/devices/+/#"));
    QCOMPARE(TtsTopic::applicationFilter(QStringLiteral("app1"), QString()), QStringLiteral("v3/app1/devices/+/#"));
    TtsTopic topic;
    topic.applicationId = QStringLiteral("app1");
    topic.tenantId = QStringLiteral("ttn");
    QCOMPARE(topic.uid(), QStringLiteral("app1@ttn"));
}

QTEST_GUILESS_MAIN(TestTtsTopic)
#include "tst_ttstopic.moc"
