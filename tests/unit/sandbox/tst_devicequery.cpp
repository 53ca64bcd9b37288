#include "HubTestSupport.h"

#include "sandbox/hub/DeviceQuery.h"
#include "sandbox/hub/SandboxHub.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;

namespace {

// Three twins as GET /twins returns them.
QList<QJsonObject> documents()
{
    return {
        json(R"({"deviceId":"lora-01","status":"enabled","connectionState":"Connected","version":3,
                 "lastActivityTime":"2026-01-01T10:00:00.000Z",
                 "tags":{"lorawan":{"devEui":"0004A30B001C0530","provisioned":true},"site":"north","floor":1},
                 "properties":{"desired":{"interval":60,"$version":2},
                               "reported":{"lastSeenAt":"2026-01-01T10:00:00Z","battery":80,"$version":5}}})"),
        json(R"({"deviceId":"lora-02","status":"disabled","connectionState":"Disconnected","version":1,
                 "tags":{"lorawan":{"devEui":"0004A30B001C0531","provisioned":false},"site":"south","floor":2},
                 "properties":{"desired":{"$version":1},"reported":{"battery":15,"$version":2}}})"),
        json(R"({"deviceId":"other","status":"enabled","connectionState":"Disconnected","version":1,
                 "tags":{"note":null,"list":[1,2]},
                 "properties":{"desired":{"$version":1},"reported":{"$version":1}}})"),
    };
}

} // namespace

class TestDeviceQuery : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void projections_data();
    void projections();
    void invalid_data();
    void invalid();
    void hubPaging();
    void hubPagingWithWhere();
    void hubCount();
    void hubRejectsForeignContinuation();
    void hubParseErrorIs400();
};

void TestDeviceQuery::matches_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");
    const QStringList all {QStringLiteral("lora-01"), QStringLiteral("lora-02"), QStringLiteral("other")};
    const QStringList first {QStringLiteral("lora-01")};
    const QStringList second {QStringLiteral("lora-02")};
    const QStringList both {QStringLiteral("lora-01"), QStringLiteral("lora-02")};

    QTest::addRow("all") << "SELECT * FROM devices" << all;
    QTest::addRow("keywords any case") << "select * from DEVICES where DeviceId = 'lora-01'" << first;
    QTest::addRow("device id") << "SELECT * FROM devices WHERE deviceId = 'lora-02'" << second;
    QTest::addRow("double quotes") << R"(SELECT * FROM devices WHERE deviceId = "lora-02")" << second;
    QTest::addRow("not equal") << "SELECT * FROM devices WHERE status != 'enabled'" << second;
    QTest::addRow("angle not equal") << "SELECT * FROM devices WHERE status <> 'disabled'"
                                     << QStringList {QStringLiteral("lora-01"), QStringLiteral("other")};
    QTest::addRow("connection state") << "SELECT * FROM devices WHERE connectionState = 'Connected'" << first;
    QTest::addRow("nested tag bool") << "SELECT * FROM devices WHERE tags.lorawan.provisioned = true" << first;
    QTest::addRow("tag false") << "SELECT * FROM devices WHERE tags.lorawan.provisioned = false" << second;
    QTest::addRow("number compare") << "SELECT * FROM devices WHERE properties.reported.battery < 20" << second;
    QTest::addRow("number >=") << "SELECT * FROM devices WHERE properties.reported.battery >= 15" << both;
    QTest::addRow("negative number") << "SELECT * FROM devices WHERE tags.floor > -1" << both;
    QTest::addRow("decimal") << "SELECT * FROM devices WHERE tags.floor <= 1.5" << first;
    QTest::addRow("desired") << "SELECT * FROM devices WHERE properties.desired.interval = 60" << first;
    QTest::addRow("string order") << "SELECT * FROM devices WHERE lastActivityTime > '2025-12-31'" << first;
    QTest::addRow("and") << "SELECT * FROM devices WHERE tags.site = 'north' AND status = 'enabled'" << first;
    QTest::addRow("or") << "SELECT * FROM devices WHERE tags.site = 'north' OR tags.site = 'south'" << both;
    QTest::addRow("not") << "SELECT * FROM devices WHERE NOT tags.site = 'north'"
                         << QStringList {QStringLiteral("lora-02"), QStringLiteral("other")};
    QTest::addRow("parentheses") << "SELECT * FROM devices WHERE (tags.site = 'south' OR tags.floor = 1) AND "
                                    "status = 'disabled'"
                                 << second;
    QTest::addRow("precedence") << "SELECT * FROM devices WHERE tags.site = 'south' OR tags.floor = 1 AND "
                                   "status = 'disabled'"
                                << second;
    QTest::addRow("is_defined") << "SELECT * FROM devices WHERE IS_DEFINED(tags.lorawan)" << both;
    QTest::addRow("not is_defined") << "SELECT * FROM devices WHERE NOT is_defined(properties.reported.lastSeenAt)"
                                    << QStringList {QStringLiteral("lora-02"), QStringLiteral("other")};
    QTest::addRow("is_null") << "SELECT * FROM devices WHERE IS_NULL(tags.note)"
                             << QStringList {QStringLiteral("other")};
    QTest::addRow("equals null") << "SELECT * FROM devices WHERE tags.note = null"
                                 << QStringList {QStringLiteral("other")};
    QTest::addRow("is_array") << "SELECT * FROM devices WHERE IS_ARRAY(tags.list)"
                              << QStringList {QStringLiteral("other")};
    QTest::addRow("in") << "SELECT * FROM devices WHERE deviceId IN ['lora-02', 'other']"
                        << QStringList {QStringLiteral("lora-02"), QStringLiteral("other")};
    QTest::addRow("nin") << "SELECT * FROM devices WHERE deviceId NIN ['lora-02', 'other']" << first;
    QTest::addRow("startswith") << "SELECT * FROM devices WHERE STARTSWITH(deviceId, 'lora-')" << both;
    QTest::addRow("endswith") << "SELECT * FROM devices WHERE ENDSWITH(tags.lorawan.devEui, '31')" << second;
    QTest::addRow("missing is false") << "SELECT * FROM devices WHERE tags.missing = 1" << QStringList();
    QTest::addRow("missing != is false") << "SELECT * FROM devices WHERE tags.missing != 1" << QStringList();
    QTest::addRow("type mismatch") << "SELECT * FROM devices WHERE tags.floor = '1'" << QStringList();
    QTest::addRow("bracket path") << "SELECT * FROM devices WHERE tags['site'] = 'north'" << first;
    QTest::addRow("path vs path") << "SELECT * FROM devices WHERE properties.desired.$version < "
                                     "properties.reported.$version"
                                  << both;
    QTest::addRow("escaped quote") << R"(SELECT * FROM devices WHERE deviceId = 'it\'s')" << QStringList();
    QTest::addRow("literal true") << "SELECT * FROM devices WHERE true" << all;
    QTest::addRow("deep parentheses") << QStringLiteral("SELECT * FROM devices WHERE %1tags.floor = 2%2")
                                             .arg(QString(40, QLatin1Char('(')), QString(40, QLatin1Char(')')))
                                      << second;
    QTest::addRow("multi-line") << "SELECT *\nFROM devices\nWHERE tags.floor = 2" << second;
}

void TestDeviceQuery::matches()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    const Result<DeviceQuery> query = DeviceQuery::parse(sql);
    QVERIFY2(query.ok(), qPrintable(query.error().message()));
    QVERIFY(query.value().selectsTwins());
    QCOMPARE(query.value().itemType(), QStringLiteral("twin"));
    QStringList matched;
    for (const QJsonObject &document : documents()) {
        if (query.value().matches(document))
            matched.append(document.value(QStringLiteral("deviceId")).toString());
    }
    QCOMPARE(matched, expected);
}

void TestDeviceQuery::projections_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("firstItem");
    QTest::addRow("paths") << "SELECT deviceId, tags.lorawan, properties.reported.lastSeenAt FROM devices"
                           << R"({"deviceId":"lora-01","lorawan":{"devEui":"0004A30B001C0530","provisioned":true},
                                 "lastSeenAt":"2026-01-01T10:00:00Z"})";
    QTest::addRow("alias") << "SELECT deviceId AS id, properties.reported.battery AS level FROM devices"
                           << R"({"id":"lora-01","level":80})";
    QTest::addRow("missing left out") << "SELECT deviceId, tags.missing FROM devices"
                                      << R"({"deviceId":"lora-01"})";
}

void TestDeviceQuery::projections()
{
    QFETCH(QString, sql);
    QFETCH(QString, firstItem);
    const Result<DeviceQuery> query = DeviceQuery::parse(sql);
    QVERIFY2(query.ok(), qPrintable(query.error().message()));
    QVERIFY(!query.value().selectsTwins());
    QCOMPARE(query.value().itemType(), QStringLiteral("raw"));
    QCOMPARE(query.value().project(documents().first()), json(firstItem.toUtf8().constData()));
}

void TestDeviceQuery::invalid_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("position"); // "Line l:c"
    QTest::addColumn<QString>("words");
    QTest::addRow("empty") << QString() << "Line 1:1"
                           << "expected SELECT";
    QTest::addRow("no from") << "SELECT *"
                             << "Line 1:9"
                             << "expected FROM";
    QTest::addRow("wrong collection") << "SELECT * FROM twins"
                                      << "Line 1:15"
                                      << "'devices'";
    QTest::addRow("modules") << "SELECT * FROM devices.modules"
                             << "Line 1:22"
                             << "only 'FROM devices'";
    QTest::addRow("missing operand") << "SELECT * FROM devices WHERE deviceId ="
                                     << "Line 1:39"
                                     << "property name";
    QTest::addRow("no comparison") << "SELECT * FROM devices WHERE deviceId"
                                   << "Line 1:37"
                                   << "comparison";
    QTest::addRow("unclosed string") << "SELECT * FROM devices WHERE deviceId = 'x"
                                     << "Line 1:40"
                                     << "not closed";
    QTest::addRow("unclosed paren") << "SELECT * FROM devices WHERE (status = 'a'"
                                    << "Line 1:42"
                                    << "expected ')'";
    QTest::addRow("bad character") << "SELECT * FROM devices WHERE a = #"
                                   << "Line 1:33"
                                   << "unexpected character";
    QTest::addRow("unknown function") << "SELECT * FROM devices WHERE FOO(a)"
                                      << "Line 1:29"
                                      << "not a supported";
    QTest::addRow("STARTS_WITH is not IoT Hub's") << "SELECT * FROM devices WHERE STARTS_WITH(deviceId, 'a')"
                                                  << "Line 1:29"
                                                  << "not a supported";
    QTest::addRow("trailing garbage") << "SELECT * FROM devices WHERE a = 1 b"
                                      << "Line 1:35"
                                      << "unexpected";
    QTest::addRow("second line") << "SELECT *\nFROM devices\nWHERE AND"
                                 << "Line 3:7"
                                 << "property name";
    QTest::addRow("top") << "SELECT TOP 5 * FROM devices"
                         << "Line 1:8"
                         << "TOP";
    QTest::addRow("reserved as name") << "SELECT FROM FROM devices"
                                      << "Line 1:8"
                                      << "property name";
    QTest::addRow("in without list") << "SELECT * FROM devices WHERE a IN 'x'"
                                     << "Line 1:34"
                                     << "expected '['";
    QTest::addRow("too deep") << QStringLiteral("SELECT * FROM devices WHERE ") + QString(200, QLatin1Char('('))
                              << "Line 1:"
                              << "nested";
    QTest::addRow("too long")
        << QStringLiteral("SELECT * FROM devices WHERE a = '%1'").arg(QString(9000, QLatin1Char('x'))) << "Line 1:1"
        << "longer than";
}

void TestDeviceQuery::invalid()
{
    QFETCH(QString, sql);
    QFETCH(QString, position);
    QFETCH(QString, words);
    const Result<DeviceQuery> query = DeviceQuery::parse(sql);
    QVERIFY(!query.ok());
    const ServiceError &error = query.error();
    QCOMPARE(error.httpStatus(), 400);
    QCOMPARE(error.kind(), ServiceError::Kind::BadRequest);
    QCOMPARE(error.code(), QStringLiteral("ArgumentInvalid"));
    QVERIFY2(error.message().startsWith(QStringLiteral("SQL query parse failed due to following errors: ") + position),
             qPrintable(error.message()));
    QVERIFY2(error.message().contains(words), qPrintable(error.message()));
}

namespace {

SandboxHub *queryHub(ManualClock *clock, int devices)
{
    SandboxHub::Options options;
    options.name = QStringLiteral("query-hub");
    options.throttlesEnabled = false;
    auto *hub = new SandboxHub(options, clock);
    for (int i = 0; i < devices; ++i) {
        DeviceIdentity device;
        device.deviceId = QStringLiteral("dev-%1").arg(i, 2, 10, QLatin1Char('0'));
        hub->createDevice(device);
        if (i % 2 == 0)
            hub->updateTwin(device.deviceId, json(R"({"tags":{"even":true}})"), {});
    }
    return hub;
}

} // namespace

void TestDeviceQuery::hubPaging()
{
    ManualClock clock;
    std::unique_ptr<SandboxHub> hub(queryHub(&clock, 25));
    const QString sql = QStringLiteral("SELECT * FROM devices");
    QStringList seen;
    QString continuation;
    int pages = 0;
    do {
        const Result<QueryPage> page = hub->query(sql, 10, continuation);
        QVERIFY2(page.ok(), qPrintable(page.error().message()));
        QCOMPARE(page.value().itemType, QStringLiteral("twin"));
        QVERIFY(page.value().size() <= 10);
        const Result<QList<DeviceTwin>> twins = page.value().twins();
        QVERIFY(twins.ok());
        for (const DeviceTwin &twin : twins.value())
            seen.append(twin.deviceId);
        continuation = page.value().continuationToken;
        ++pages;
    } while (!continuation.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 25);
    QCOMPARE(seen.first(), QStringLiteral("dev-00"));
    QCOMPARE(seen.last(), QStringLiteral("dev-24"));
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 25);

    // Default page size 100, at most 1000.
    QCOMPARE(hub->query(sql, 0, {}).value().size(), 25);
    QVERIFY(!hub->query(sql, 5000, {}).value().hasMore());
}

void TestDeviceQuery::hubPagingWithWhere()
{
    ManualClock clock;
    std::unique_ptr<SandboxHub> hub(queryHub(&clock, 20)); // 10 even
    const QString sql = QStringLiteral("SELECT deviceId FROM devices WHERE tags.even = true");
    const Result<QueryPage> first = hub->query(sql, 5, {});
    QVERIFY(first.ok());
    QCOMPARE(first.value().size(), 5);
    QCOMPARE(first.value().itemType, QStringLiteral("raw"));
    QCOMPARE(first.value().items.first().toObject(), json(R"({"deviceId":"dev-00"})"));
    QVERIFY(first.value().hasMore());
    const Result<QueryPage> second = hub->query(sql, 5, first.value().continuationToken);
    QVERIFY(second.ok());
    QCOMPARE(second.value().size(), 5);
    QCOMPARE(second.value().items.last().toObject(), json(R"({"deviceId":"dev-18"})"));
    // Exactly a full last page: no continuation to an empty page.
    QVERIFY(!second.value().hasMore());
}

void TestDeviceQuery::hubCount()
{
    ManualClock clock;
    std::unique_ptr<SandboxHub> hub(queryHub(&clock, 7));
    const Result<QueryPage> all = hub->query(QStringLiteral("SELECT COUNT() AS numberOfDevices FROM devices"), 0, {});
    QVERIFY(all.ok());
    QCOMPARE(all.value().items, QJsonArray {json(R"({"numberOfDevices":7})")});
    QVERIFY(!all.value().hasMore());
    const Result<QueryPage> even =
        hub->query(QStringLiteral("SELECT COUNT() AS n FROM devices WHERE IS_DEFINED(tags.even)"), 0, {});
    QCOMPARE(even.value().items, QJsonArray {json(R"({"n":4})")});
}

void TestDeviceQuery::hubRejectsForeignContinuation()
{
    ManualClock clock;
    std::unique_ptr<SandboxHub> hub(queryHub(&clock, 5));
    const Result<QueryPage> page = hub->query(QStringLiteral("SELECT * FROM devices"), 2, {});
    QVERIFY(page.value().hasMore());
    const Result<QueryPage> other =
        hub->query(QStringLiteral("SELECT deviceId FROM devices"), 2, page.value().continuationToken);
    QCOMPARE(other.error().httpStatus(), 400);
    QCOMPARE(hub->query(QStringLiteral("SELECT * FROM devices"), 2, QStringLiteral("garbage!")).error().httpStatus(),
             400);
}

void TestDeviceQuery::hubParseErrorIs400()
{
    ManualClock clock;
    std::unique_ptr<SandboxHub> hub(queryHub(&clock, 1));
    const Result<QueryPage> page = hub->query(QStringLiteral("SELECT * FROM devices WHERE"), 0, {});
    QVERIFY(!page.ok());
    QCOMPARE(page.error().httpStatus(), 400);
    QVERIFY(page.error().message().contains(QStringLiteral("Line 1:28")));
}

QTEST_GUILESS_MAIN(TestDeviceQuery)
#include "tst_devicequery.moc"
