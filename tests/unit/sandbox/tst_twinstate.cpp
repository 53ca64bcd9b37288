#include "HubTestSupport.h"

#include "sandbox/hub/TwinState.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;

namespace {

const QDateTime T1(QDate(2026, 3, 1), QTime(10, 0, 0, 123), Qt::UTC);
const QDateTime T2(QDate(2026, 3, 1), QTime(10, 5, 0, 456), Qt::UTC);
const QString S1 = QStringLiteral("2026-03-01T10:00:00.1230000Z");
const QString S2 = QStringLiteral("2026-03-01T10:05:00.4560000Z");

QJsonObject stamp(const QString &time, int version = 0)
{
    QJsonObject object {{QStringLiteral("$lastUpdated"), time}};
    if (version > 0)
        object.insert(QStringLiteral("$lastUpdatedVersion"), version);
    return object;
}

QString nested(int depth)
{
    QString text = QStringLiteral("1");
    for (int i = 0; i < depth; ++i)
        text = QStringLiteral("{\"k%1\":%2}").arg(i).arg(text);
    return text;
}

} // namespace

class TestTwinState : public QObject
{
    Q_OBJECT

private slots:
    void timestampsHaveSevenDigits();
    void newTwin();
    void desiredMergePatch_data();
    void desiredMergePatch();
    void metadataAtEveryLevel();
    void versionsAndEtag();
    void emptyPatchChangesNothing();
    void replaceResetsMetadata();
    void reportedMetadataHasNoVersion();
    void ruleViolations_data();
    void ruleViolations();
    void metadataForPatch();
    void stateRoundTrip();
    void damagedStateIsRejected();
};

void TestTwinState::timestampsHaveSevenDigits()
{
    QCOMPARE(TwinState::timestampText(T1), S1);
    QCOMPARE(TwinState::neverUpdated(), QStringLiteral("0001-01-01T00:00:00Z"));
}

void TestTwinState::newTwin()
{
    const TwinState twin;
    // reference §4.2 lifecycle example: "$metadata":{"$lastUpdated":"0001-01-01T00:00:00Z"},"$version":1
    QCOMPARE(twin.desiredSection(), json(R"({"$metadata":{"$lastUpdated":"0001-01-01T00:00:00Z"},"$version":1})"));
    QCOMPARE(twin.reportedSection(), json(R"({"$metadata":{"$lastUpdated":"0001-01-01T00:00:00Z"},"$version":1})"));
    QCOMPARE(twin.version(), 1);
    QCOMPARE(twin.etag(), QStringLiteral("AAAAAAAAAAE="));
    QCOMPARE(twin.desiredForDevice(), json(R"({"$version":1})"));
}

void TestTwinState::desiredMergePatch_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("after");
    QTest::addRow("add") << "{}"
                         << R"({"a":1})"
                         << R"({"a":1})";
    QTest::addRow("replace value") << R"({"a":1})"
                                   << R"({"a":"x"})"
                                   << R"({"a":"x"})";
    QTest::addRow("null deletes") << R"({"a":1,"b":2})"
                                  << R"({"a":null})"
                                  << R"({"b":2})";
    QTest::addRow("nested merge") << R"({"o":{"x":1,"y":2}})"
                                  << R"({"o":{"y":null,"z":3}})"
                                  << R"({"o":{"x":1,"z":3}})";
    QTest::addRow("object replaces scalar") << R"({"o":5})"
                                            << R"({"o":{"x":1}})"
                                            << R"({"o":{"x":1}})";
    QTest::addRow("array replaces") << R"({"l":[1,2]})"
                                    << R"({"l":[3]})"
                                    << R"({"l":[3]})";
    QTest::addRow("delete missing") << R"({"a":1})"
                                    << R"({"zz":null})"
                                    << R"({"a":1})";
    QTest::addRow("nulls in new object vanish") << "{}"
                                                << R"({"o":{"x":null,"y":1}})"
                                                << R"({"o":{"y":1}})";
}

void TestTwinState::desiredMergePatch()
{
    QFETCH(QString, before);
    QFETCH(QString, patch);
    QFETCH(QString, after);
    TwinState twin;
    QVERIFY(twin.patch(std::nullopt, json(before.toUtf8().constData()), T1).ok());
    const Result<bool> result = twin.patch(std::nullopt, json(patch.toUtf8().constData()), T2);
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(twin.desired(), json(after.toUtf8().constData()));
}

void TestTwinState::metadataAtEveryLevel()
{
    TwinState twin;
    QVERIFY(twin.patch(std::nullopt, json(R"({"a":{"b":1},"c":2})"), T1).ok());
    QJsonObject expected {{QStringLiteral("$lastUpdated"), S1},
                          {QStringLiteral("$lastUpdatedVersion"), 2},
                          {QStringLiteral("a"),
                           QJsonObject {{QStringLiteral("$lastUpdated"), S1},
                                        {QStringLiteral("$lastUpdatedVersion"), 2},
                                        {QStringLiteral("b"), stamp(S1, 2)}}},
                          {QStringLiteral("c"), stamp(S1, 2)}};
    QCOMPARE(twin.desiredMetadata(), expected);

    QVERIFY(twin.patch(std::nullopt, json(R"({"a":{"d":3}})"), T2).ok());
    expected = QJsonObject {{QStringLiteral("$lastUpdated"), S2},
                            {QStringLiteral("$lastUpdatedVersion"), 3},
                            {QStringLiteral("a"),
                             QJsonObject {{QStringLiteral("$lastUpdated"), S2},
                                          {QStringLiteral("$lastUpdatedVersion"), 3},
                                          {QStringLiteral("b"), stamp(S1, 2)},
                                          {QStringLiteral("d"), stamp(S2, 3)}}},
                            {QStringLiteral("c"), stamp(S1, 2)}};
    QCOMPARE(twin.desiredMetadata(), expected);

    // Deleting a member deletes its metadata.
    QVERIFY(twin.patch(std::nullopt, json(R"({"a":null})"), T2).ok());
    QVERIFY(!twin.desiredMetadata().contains(QStringLiteral("a")));
    QCOMPARE(twin.desiredSection().value(QStringLiteral("$version")).toInt(), 4);
    QVERIFY(twin.desiredSection().value(QStringLiteral("$metadata")).isObject());
}

void TestTwinState::versionsAndEtag()
{
    TwinState twin;
    QSet<QString> etags {twin.etag()};
    QVERIFY(twin.patch(json(R"({"site":"north"})"), std::nullopt, T1).ok());
    QCOMPARE(twin.version(), 2);
    QCOMPARE(twin.desiredVersion(), 1); // tags do not touch desired
    QVERIFY(!etags.contains(twin.etag()));
    etags.insert(twin.etag());

    QVERIFY(twin.patch(std::nullopt, json(R"({"x":1})"), T1).ok());
    QCOMPARE(twin.version(), 3);
    QCOMPARE(twin.desiredVersion(), 2);
    QVERIFY(!etags.contains(twin.etag()));
    etags.insert(twin.etag());

    // The same value again is still an update (IoT Hub does not compare values).
    QVERIFY(twin.patch(std::nullopt, json(R"({"x":1})"), T2).ok());
    QCOMPARE(twin.desiredVersion(), 3);
    QVERIFY(!etags.contains(twin.etag()));
    etags.insert(twin.etag());

    QVERIFY(twin.patchReported(json(R"({"battery":80})"), T2).ok());
    QCOMPARE(twin.reportedVersion(), 2);
    QCOMPARE(twin.version(), 4); // reported changes do not count in the twin version
    QVERIFY(!etags.contains(twin.etag())); // but change the etag
}

void TestTwinState::emptyPatchChangesNothing()
{
    TwinState twin;
    const TwinState before = twin;
    const Result<bool> result = twin.patch(QJsonObject(), QJsonObject(), T1);
    QVERIFY(result.ok());
    QVERIFY(!result.value());
    QVERIFY(twin == before);
}

void TestTwinState::replaceResetsMetadata()
{
    TwinState twin;
    QVERIFY(twin.patch(json(R"({"old":1})"), json(R"({"a":1,"b":{"c":2}})"), T1).ok());
    QVERIFY(twin.replace(json(R"({"new":2})"), json(R"({"b":{"d":3}})"), T2).ok());
    QCOMPARE(twin.tags(), json(R"({"new":2})"));
    QCOMPARE(twin.desired(), json(R"({"b":{"d":3}})"));
    QCOMPARE(twin.desiredVersion(), 3);
    const QJsonObject expected {{QStringLiteral("$lastUpdated"), S2},
                                {QStringLiteral("$lastUpdatedVersion"), 3},
                                {QStringLiteral("b"),
                                 QJsonObject {{QStringLiteral("$lastUpdated"), S2},
                                              {QStringLiteral("$lastUpdatedVersion"), 3},
                                              {QStringLiteral("d"), stamp(S2, 3)}}}};
    QCOMPARE(twin.desiredMetadata(), expected);
}

void TestTwinState::reportedMetadataHasNoVersion()
{
    TwinState twin;
    QVERIFY(twin.patchReported(json(R"({"loc":{"lat":1}})"), T1).ok());
    const QJsonObject expected {
        {QStringLiteral("$lastUpdated"), S1},
        {QStringLiteral("loc"),
         QJsonObject {{QStringLiteral("$lastUpdated"), S1}, {QStringLiteral("lat"), stamp(S1)}}}};
    QCOMPARE(twin.reportedMetadata(), expected);
    QCOMPARE(twin.reportedForDevice(), json(R"({"loc":{"lat":1},"$version":2})"));
}

void TestTwinState::ruleViolations_data()
{
    QTest::addColumn<QString>("section"); // tags, desired, reported
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("path");

    QTest::addRow("dot in key") << "desired"
                                << R"({"a.b":1})"
                                << "properties.desired.a.b";
    QTest::addRow("dollar key") << "desired"
                                << R"({"o":{"$x":1}})"
                                << "properties.desired.o.$x";
    QTest::addRow("space in tag key") << "tags"
                                      << R"({"my tag":1})"
                                      << "tags.my tag";
    QTest::addRow("ten levels are fine") << "reported" << nested(11) << QString();
    QTest::addRow("too deep") << "reported" << nested(12) << "properties.reported";
    QTest::addRow("string too long") << "desired"
                                     << QStringLiteral("{\"s\":\"%1\"}").arg(QString(4097, QLatin1Char('x')))
                                     << "properties.desired.s";
    QTest::addRow("integer too large") << "reported"
                                       << R"({"n":9007199254740991})"
                                       << "properties.reported.n";
    QString bigTags = QStringLiteral("{");
    for (int i = 0; i < 3; ++i)
        bigTags += QStringLiteral("\"t%1\":\"%2\",").arg(i).arg(QString(3000, QLatin1Char('y')));
    bigTags.chop(1);
    bigTags += QLatin1Char('}');
    QTest::addRow("tags over 8 KB") << "tags" << bigTags << "tags";
}

void TestTwinState::ruleViolations()
{
    QFETCH(QString, section);
    QFETCH(QString, patch);
    QFETCH(QString, path);
    TwinState twin;
    const TwinState before = twin;
    const QJsonObject object = QJsonDocument::fromJson(patch.toUtf8()).object();
    QVERIFY(!object.isEmpty());
    Status result;
    if (section == QLatin1String("tags")) {
        const Result<bool> patched = twin.patch(object, std::nullopt, T1);
        result = patched ? Status(Done {}) : Status(patched.error());
    } else if (section == QLatin1String("desired")) {
        const Result<bool> patched = twin.patch(std::nullopt, object, T1);
        result = patched ? Status(Done {}) : Status(patched.error());
    } else {
        result = twin.patchReported(object, T1);
    }
    if (path.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), QStringLiteral("InvalidTwin"));
    QVERIFY2(result.error().message().startsWith(path), qPrintable(result.error().message()));
    QVERIFY(twin == before); // nothing changed
}

void TestTwinState::metadataForPatch()
{
    TwinState twin;
    QVERIFY(twin.patch(std::nullopt, json(R"({"keep":1,"o":{"a":1,"b":2}})"), T1).ok());
    QVERIFY(twin.patch(std::nullopt, json(R"({"o":{"b":3},"gone":null})"), T2).ok());
    const QJsonObject metadata = TwinState::metadataFor(json(R"({"o":{"b":3},"gone":null})"), twin.desiredMetadata());
    const QJsonObject expected {{QStringLiteral("$lastUpdated"), S2},
                                {QStringLiteral("$lastUpdatedVersion"), 3},
                                {QStringLiteral("o"),
                                 QJsonObject {{QStringLiteral("$lastUpdated"), S2},
                                              {QStringLiteral("$lastUpdatedVersion"), 3},
                                              {QStringLiteral("b"), stamp(S2, 3)}}}};
    QCOMPARE(metadata, expected);
}

void TestTwinState::stateRoundTrip()
{
    TwinState twin;
    QVERIFY(twin.patch(json(R"({"lorawan":{"devEui":"0004A30B001C0530"}})"), json(R"({"x":{"y":1}})"), T1).ok());
    QVERIFY(twin.patchReported(json(R"({"lastSeenAt":"2026-03-01T10:00:00Z"})"), T2).ok());
    const Result<TwinState> restored = TwinState::fromState(twin.toState());
    QVERIFY2(restored.ok(), qPrintable(restored.error().message()));
    QVERIFY(restored.value() == twin);
    QCOMPARE(restored.value().etag(), twin.etag());
}

void TestTwinState::damagedStateIsRejected()
{
    QJsonObject state = TwinState().toState();
    state.remove(QStringLiteral("desiredMetadata"));
    QVERIFY(!TwinState::fromState(state).ok());
    state = TwinState().toState();
    state.insert(QStringLiteral("version"), QStringLiteral("x"));
    QVERIFY(!TwinState::fromState(state).ok());
}

QTEST_GUILESS_MAIN(TestTwinState)
#include "tst_twinstate.moc"
