#include "services/protocol/TtsMessageType.h"

#include <QTest>

using namespace TwinBridge;

Q_DECLARE_METATYPE(TtsMessageType)

class TestTtsMessageType : public QObject
{
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void unknownNames();
    void flags();
};

void TestTtsMessageType::names_data()
{
    QTest::addColumn<TtsMessageType>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("jsonField");
    QTest::addColumn<QString>("displayName");
    // The stable names are part of the settings format and of D2C message properties: this table pins them.
    QTest::addRow("uplink") << TtsMessageType::Uplink << QStringLiteral("uplink") << QStringLiteral("uplink_message")
                            << QStringLiteral("Uplink message");
    QTest::addRow("join") << TtsMessageType::JoinAccept << QStringLiteral("joinAccept") << QStringLiteral("join_accept")
                          << QStringLiteral("Join accept");
    QTest::addRow("ack") << TtsMessageType::DownlinkAck << QStringLiteral("downlinkAck")
                         << QStringLiteral("downlink_ack") << QStringLiteral("Downlink ack");
    QTest::addRow("nack") << TtsMessageType::DownlinkNack << QStringLiteral("downlinkNack")
                          << QStringLiteral("downlink_nack") << QStringLiteral("Downlink nack");
    QTest::addRow("sent") << TtsMessageType::DownlinkSent << QStringLiteral("downlinkSent")
                          << QStringLiteral("downlink_sent") << QStringLiteral("Downlink sent");
    QTest::addRow("failed") << TtsMessageType::DownlinkFailed << QStringLiteral("downlinkFailed")
                            << QStringLiteral("downlink_failed") << QStringLiteral("Downlink failed");
    QTest::addRow("queued") << TtsMessageType::DownlinkQueued << QStringLiteral("downlinkQueued")
                            << QStringLiteral("downlink_queued") << QStringLiteral("Downlink queued");
    QTest::addRow("invalidated") << TtsMessageType::DownlinkQueueInvalidated
                                 << QStringLiteral("downlinkQueueInvalidated")
                                 << QStringLiteral("downlink_queue_invalidated")
                                 << QStringLiteral("Downlink queue invalidated");
    QTest::addRow("location") << TtsMessageType::LocationSolved << QStringLiteral("locationSolved")
                              << QStringLiteral("location_solved") << QStringLiteral("Location solved");
    QTest::addRow("service data") << TtsMessageType::ServiceData << QStringLiteral("serviceData")
                                  << QStringLiteral("service_data") << QStringLiteral("Service data");
}

void TestTtsMessageType::names()
{
    QFETCH(TtsMessageType, type);
    QFETCH(QString, name);
    QFETCH(QString, jsonField);
    QFETCH(QString, displayName);
    QCOMPARE(ttsMessageTypeName(type), name);
    QCOMPARE(ttsMessageTypeFromName(name), std::optional<TtsMessageType>(type));
    QCOMPARE(ttsMessageTypeJsonField(type), jsonField);
    QCOMPARE(ttsMessageTypeFromJsonField(jsonField), std::optional<TtsMessageType>(type));
    QCOMPARE(ttsMessageTypeDisplayName(type), displayName);
    QVERIFY(allTtsMessageTypes().contains(type));
}

void TestTtsMessageType::unknownNames()
{
    QCOMPARE(ttsMessageTypeFromName(u"Uplink"), std::optional<TtsMessageType>()); // case matters
    QCOMPARE(ttsMessageTypeFromName(u"uplinkNormalized"), std::optional<TtsMessageType>());
    QCOMPARE(ttsMessageTypeFromJsonField(u"uplink_normalized"), std::optional<TtsMessageType>());
    QCOMPARE(allTtsMessageTypes().size(), 10);
}

void TestTtsMessageType::flags()
{
    const TtsMessageTypes filter =
        TtsMessageType::Uplink | TtsMessageType::LocationSolved | TtsMessageType::ServiceData;
    QCOMPARE(ttsMessageTypeNames(filter),
             (QStringList {QStringLiteral("uplink"), QStringLiteral("locationSolved"), QStringLiteral("serviceData")}));
    QStringList unknown;
    const TtsMessageTypes parsed =
        ttsMessageTypesFromNames({QStringLiteral("serviceData"), QStringLiteral("bogus"), QStringLiteral("uplink"),
                                  QStringLiteral("locationSolved")},
                                 &unknown);
    QCOMPARE(parsed, filter);
    QCOMPARE(unknown, QStringList {QStringLiteral("bogus")});
    QCOMPARE(ttsMessageTypeNames(allTtsMessageTypeFlags()).size(), 10);
    QCOMPARE(ttsMessageTypeNames({}), QStringList());
}

QTEST_GUILESS_MAIN(TestTtsMessageType)
#include "tst_ttsmessagetype.moc"
