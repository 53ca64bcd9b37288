#include "models/LiveEventExport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

namespace {

EngineEvent makeEvent(const QString &deviceId, EngineEvent::Kind kind, const QString &summary,
                      const QJsonObject &detail)
{
    return EngineEvent {QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC), deviceId, kind, summary, detail};
}

} // namespace

class TestLiveEventExport : public QObject
{
    Q_OBJECT

private slots:
    void json();
    void csv_data();
    void csv();
    void jsonLines();
    void writeFileWritesTheFormat();
    void writeFileIntoAMissingFolderSaysWhy();
};

void TestLiveEventExport::json()
{
    const EngineEvents events {
        makeEvent(QStringLiteral("dev-001"), EngineEvent::Kind::UplinkForwarded, QStringLiteral("Uplink"),
                  QJsonObject {{QStringLiteral("frmPayload"), QStringLiteral("AQID")}}),
        makeEvent(QString(), EngineEvent::Kind::Lifecycle, QStringLiteral("Engine started"), {}),
    };
    const QJsonArray array = QJsonDocument::fromJson(LiveEventExport::toJson(events)).array();
    QCOMPARE(array.size(), 2);
    QCOMPARE(array.at(0).toObject(), events.at(0).toJson());
    QCOMPARE(array.at(0)[QLatin1String("time")].toString(), QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(array.at(0)[QLatin1String("kind")].toString(), QStringLiteral("uplinkForwarded"));
    QCOMPARE(array.at(1).toObject(), events.at(1).toJson());
    QCOMPARE(LiveEventExport::toJson({}).trimmed(), QByteArray("[\n]"));
}

void TestLiveEventExport::csv_data()
{
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QJsonObject>("detail");
    QTest::addColumn<QByteArray>("line");

    QTest::addRow("plain") << QStringLiteral("Join forwarded") << QJsonObject()
                           << QByteArray("2023-11-14T22:13:20.123Z,dev-001,join,Join forwarded,");
    QTest::addRow("comma and detail")
        << QStringLiteral("a, b")
        << QJsonObject {{QStringLiteral("fPort"), 1}, {QStringLiteral("x"), QStringLiteral("y")}}
        << QByteArray("2023-11-14T22:13:20.123Z,dev-001,join,\"a, b\",\"{\"\"fPort\"\":1,\"\"x\"\":\"\"y\"\"}\"");
    QTest::addRow("quote") << QStringLiteral("say \"hi\"") << QJsonObject()
                           << QByteArray("2023-11-14T22:13:20.123Z,dev-001,join,\"say \"\"hi\"\"\",");
    QTest::addRow("line break") << QStringLiteral("two\nlines") << QJsonObject()
                                << QByteArray("2023-11-14T22:13:20.123Z,dev-001,join,\"two\nlines\",");
    QTest::addRow("unicode") << QStringLiteral("Temperatur 21 °C") << QJsonObject()
                             << QByteArray("2023-11-14T22:13:20.123Z,dev-001,join,Temperatur 21 \xc2\xb0"
                                           "C,");
}

void TestLiveEventExport::csv()
{
    QFETCH(QString, summary);
    QFETCH(QJsonObject, detail);
    QFETCH(QByteArray, line);
    const QByteArray csv =
        LiveEventExport::toCsv({makeEvent(QStringLiteral("dev-001"), EngineEvent::Kind::Join, summary, detail)});
    QCOMPARE(csv, QByteArray("time,deviceId,kind,summary,detail\r\n") + line + "\r\n");
}

void TestLiveEventExport::jsonLines()
{
    const EngineEvents events {
        makeEvent(QStringLiteral("dev-001"), EngineEvent::Kind::Join, QStringLiteral("one"), {}),
        makeEvent(QStringLiteral("dev-002"), EngineEvent::Kind::Error, QStringLiteral("two\nlines"),
                  QJsonObject {{QStringLiteral("k"), QStringLiteral("v")}}),
    };
    const QByteArray bytes = LiveEventExport::encode(events, LiveEventExport::Format::JsonLines);
    const QList<QByteArray> lines = bytes.split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(2).isEmpty());
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object(), events.at(0).toJson());
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object(), events.at(1).toJson());
    QCOMPARE(LiveEventExport::toJsonLine(events.at(0)), lines.at(0) + '\n');
}

void TestLiveEventExport::writeFileWritesTheFormat()
{
    QTemporaryDir dir;
    const EngineEvents events {
        makeEvent(QStringLiteral("dev-001"), EngineEvent::Kind::Join, QStringLiteral("one"), {})};
    for (const auto format :
         {LiveEventExport::Format::Json, LiveEventExport::Format::Csv, LiveEventExport::Format::JsonLines}) {
        const QString path = dir.filePath(QStringLiteral("out-%1").arg(int(format)));
        const Status written = LiveEventExport::writeFile(path, events, format);
        QVERIFY2(written.ok(), qPrintable(written.error().toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), LiveEventExport::encode(events, format));
    }
}

void TestLiveEventExport::writeFileIntoAMissingFolderSaysWhy()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing/out.json"));
    const Status written = LiveEventExport::writeFile(path, {}, LiveEventExport::Format::Json);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().kind(), ServiceError::Kind::Backend);
    QVERIFY(written.error().toString().contains(QLatin1String("export the live data")));
    QVERIFY(written.error().toString().contains(path));
    QVERIFY(written.error().message().contains(QLatin1String("Choose a folder")));
}

QTEST_GUILESS_MAIN(TestLiveEventExport)
#include "tst_liveeventexport.moc"
