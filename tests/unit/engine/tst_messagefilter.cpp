// MessageFilter: the two filters' defaults (DESIGN.md §1) and their stable names.

#include "services/engine/MessageFilter.h"
#include "services/engine/UplinkTranslator.h"

#include <QTest>

using namespace TwinBridge;

namespace {

// A QStringList from literals (QT_NO_CAST_FROM_ASCII forbids the implicit conversion).
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

} // namespace

class TestMessageFilter : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void names_data();
    void names();
    void unknownNamesAreReported();
    void setAccepted();
};

void TestMessageFilter::defaults()
{
    const MessageFilter telemetry = MessageFilter::defaultTelemetry();
    for (const TtsMessageType type : allTtsMessageTypes())
        QCOMPARE(telemetry.accepts(type), type == TtsMessageType::Uplink);
    const MessageFilter reported = MessageFilter::defaultReported();
    QCOMPARE(reported.types(), UplinkTranslator::reportedMappedTypes());
    for (const TtsMessageType type : allTtsMessageTypes())
        QVERIFY(reported.accepts(type));
    QVERIFY(MessageFilter().isEmpty());
    QVERIFY(MessageFilter::none().isEmpty());
    QCOMPARE(MessageFilter::all().types(), allTtsMessageTypeFlags());
}

void TestMessageFilter::names_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("canonical");

    QTest::addRow("none") << QStringList() << QStringList();
    QTest::addRow("uplink") << strings({"uplink"}) << strings({"uplink"});
    QTest::addRow("order does not matter")
        << strings({"serviceData", "uplink", "joinAccept"}) << strings({"uplink", "joinAccept", "serviceData"});
    QTest::addRow("all ten") << strings({"uplink", "joinAccept", "downlinkAck", "downlinkNack", "downlinkSent",
                                         "downlinkFailed", "downlinkQueued", "downlinkQueueInvalidated",
                                         "locationSolved", "serviceData"})
                             << strings({"uplink", "joinAccept", "downlinkAck", "downlinkNack", "downlinkSent",
                                         "downlinkFailed", "downlinkQueued", "downlinkQueueInvalidated",
                                         "locationSolved", "serviceData"});
}

void TestMessageFilter::names()
{
    QFETCH(QStringList, names);
    QFETCH(QStringList, canonical);
    const MessageFilter filter = MessageFilter::fromNames(names);
    QCOMPARE(filter.toNames(), canonical);
    QCOMPARE(MessageFilter::fromNames(filter.toNames()), filter);
}

void TestMessageFilter::unknownNamesAreReported()
{
    QStringList unknown;
    const MessageFilter filter =
        MessageFilter::fromNames({QStringLiteral("uplink"), QStringLiteral("normalized")}, &unknown);
    QCOMPARE(filter, MessageFilter(TtsMessageType::Uplink));
    QCOMPARE(unknown, QStringList {QStringLiteral("normalized")});
}

void TestMessageFilter::setAccepted()
{
    MessageFilter filter;
    filter.setAccepted(TtsMessageType::LocationSolved, true);
    QVERIFY(filter.accepts(TtsMessageType::LocationSolved));
    QVERIFY(!filter.accepts(TtsMessageType::Uplink));
    filter.setAccepted(TtsMessageType::LocationSolved, false);
    QVERIFY(filter.isEmpty());
}

QTEST_GUILESS_MAIN(TestMessageFilter)
#include "tst_messagefilter.moc"
