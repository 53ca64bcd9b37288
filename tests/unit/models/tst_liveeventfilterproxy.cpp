#include "models/LiveEventFilterProxy.h"
#include "models/LiveEventModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <memory>

using namespace TwinBridge;

namespace {

using Kind = EngineEvent::Kind;

EngineEvent makeEvent(int n, const QString &deviceId, Kind kind, const QString &summary, const QJsonObject &detail = {})
{
    return EngineEvent {QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + n, Qt::UTC), deviceId, kind, summary,
                        detail};
}

} // namespace

class TestLiveEventFilterProxy : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void filters_data();
    void filters();
    void newEventsAreFilteredAsTheyArrive();
    void sortsNewestFirstOnTheArrivalOrder();
    void filteredEventsAreWhatPasses();

private:
    QStringList shownSummaries() const;

    std::unique_ptr<LiveEventModel> m_model;
    std::unique_ptr<LiveEventFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestLiveEventFilterProxy::init()
{
    m_model = std::make_unique<LiveEventModel>();
    m_proxy = std::make_unique<LiveEventFilterProxy>();
    m_proxy->setSourceModel(m_model.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_proxy.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->append({
        makeEvent(1, QStringLiteral("dev-001"), Kind::UplinkForwarded, QStringLiteral("Uplink of dev-001 forwarded"),
                  QJsonObject {{QStringLiteral("frmPayload"), QStringLiteral("AQID")}}),
        makeEvent(2, QStringLiteral("dev-002"), Kind::UplinkForwarded, QStringLiteral("Uplink of dev-002 forwarded")),
        makeEvent(3, QStringLiteral("dev-0010"), Kind::Join, QStringLiteral("Join of dev-0010 forwarded")),
        makeEvent(4, QStringLiteral("dev-001"), Kind::Error, QStringLiteral("Could not send: hub unavailable")),
        makeEvent(5, QString(), Kind::Lifecycle, QStringLiteral("Engine started")),
    });
}

void TestLiveEventFilterProxy::cleanup()
{
    m_tester.reset();
    m_proxy.reset();
    m_model.reset();
}

QStringList TestLiveEventFilterProxy::shownSummaries() const
{
    QStringList summaries;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        summaries.append(m_proxy->index(row, LiveEventModel::SummaryColumn).data().toString());
    return summaries;
}

void TestLiveEventFilterProxy::filters_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<int>("kind"); // -1 = all
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("shown"); // event numbers

    QTest::addRow("none") << QString() << -1 << QString() << QList<int> {1, 2, 3, 4, 5};
    QTest::addRow("device is exact") << QStringLiteral("dev-001") << -1 << QString() << QList<int> {1, 4};
    QTest::addRow("device trimmed") << QStringLiteral(" dev-0010 ") << -1 << QString() << QList<int> {3};
    QTest::addRow("unknown device") << QStringLiteral("dev-9") << -1 << QString() << QList<int> {};
    QTest::addRow("type") << QString() << int(Kind::UplinkForwarded) << QString() << QList<int> {1, 2};
    QTest::addRow("errors") << QString() << int(Kind::Error) << QString() << QList<int> {4};
    QTest::addRow("text, any case") << QString() << -1 << QStringLiteral("FORWARDED") << QList<int> {1, 2, 3};
    QTest::addRow("text in the detail") << QString() << -1 << QStringLiteral("AQID") << QList<int> {1};
    QTest::addRow("text matches the device") << QString() << -1 << QStringLiteral("0010") << QList<int> {3};
    QTest::addRow("text matches the type name") << QString() << -1 << QStringLiteral("lifecycle") << QList<int> {5};
    QTest::addRow("all three") << QStringLiteral("dev-001") << int(Kind::UplinkForwarded) << QStringLiteral("uplink")
                               << QList<int> {1};
    QTest::addRow("all three, none") << QStringLiteral("dev-001") << int(Kind::Join) << QString() << QList<int> {};
}

void TestLiveEventFilterProxy::filters()
{
    QFETCH(QString, device);
    QFETCH(int, kind);
    QFETCH(QString, text);
    QFETCH(QList<int>, shown);
    m_proxy->setDeviceFilter(device);
    m_proxy->setKindFilter(kind < 0 ? std::nullopt : std::optional<Kind>(Kind(kind)));
    m_proxy->setTextFilter(text);
    QList<int> numbers;
    for (const EngineEvent &e : m_proxy->filteredEvents())
        numbers.append(int(e.time.toMSecsSinceEpoch() - 1'700'000'000'000));
    QCOMPARE(numbers, shown);
    // Clearing the filters shows everything again.
    m_proxy->setDeviceFilter({});
    m_proxy->setKindFilter(std::nullopt);
    m_proxy->setTextFilter({});
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestLiveEventFilterProxy::newEventsAreFilteredAsTheyArrive()
{
    m_proxy->setDeviceFilter(QStringLiteral("dev-002"));
    QCOMPARE(m_proxy->rowCount(), 1);
    m_model->append({makeEvent(6, QStringLiteral("dev-002"), Kind::Join, QStringLiteral("Join of dev-002")),
                     makeEvent(7, QStringLiteral("dev-003"), Kind::Join, QStringLiteral("Join of dev-003"))});
    QCOMPARE(shownSummaries(),
             QStringList({QStringLiteral("Uplink of dev-002 forwarded"), QStringLiteral("Join of dev-002")}));
}

void TestLiveEventFilterProxy::sortsNewestFirstOnTheArrivalOrder()
{
    m_proxy->sort(LiveEventModel::TimeColumn, Qt::DescendingOrder);
    m_model->append({makeEvent(0, QStringLiteral("dev-004"), Kind::Join, QStringLiteral("late arrival, early time"))});
    QCOMPARE(shownSummaries().constFirst(), QStringLiteral("late arrival, early time"));
    QCOMPARE(shownSummaries().constLast(), QStringLiteral("Uplink of dev-001 forwarded"));
    m_proxy->sort(LiveEventModel::DeviceColumn, Qt::AscendingOrder);
    QCOMPARE(m_proxy->index(0, LiveEventModel::DeviceColumn).data().toString(), QString());
    QCOMPARE(m_proxy->index(5, LiveEventModel::DeviceColumn).data().toString(), QStringLiteral("dev-004"));
}

void TestLiveEventFilterProxy::filteredEventsAreWhatPasses()
{
    m_proxy->sort(LiveEventModel::TimeColumn, Qt::DescendingOrder);
    m_proxy->setKindFilter(Kind::UplinkForwarded);
    const EngineEvents events = m_proxy->filteredEvents();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).deviceId, QStringLiteral("dev-002"));
    QCOMPARE(events.at(1).deviceId, QStringLiteral("dev-001"));
    QCOMPARE(events.at(1).detail.value(QLatin1String("frmPayload")).toString(), QStringLiteral("AQID"));
}

QTEST_GUILESS_MAIN(TestLiveEventFilterProxy)
#include "tst_liveeventfilterproxy.moc"
