#include "services/protocol/SasToken.h"

#include <QTest>

using namespace TwinBridge;

class TestSasToken : public QObject
{
    Q_OBJECT

private slots:
    void hmacVectorV1();
    void signVectors_data();
    void signVectors();
    void keyNameIsStrictlyEncoded();
    void signatureOverRawResource_data();
    void signatureOverRawResource();
    void parseRejectsMalformed_data();
    void parseRejectsMalformed();
    void parseAcceptsAnyFieldOrder();
    void verifyRoundTrip();
    void verifyRejectsWrongKey();
    void verifyExpiryWithSkew_data();
    void verifyExpiryWithSkew();
    void covers_data();
    void covers();
};

void TestSasToken::hmacVectorV1()
{
    // V1 (Node SDK _authorization_test.js): key base64("password"), string-to-sign "string-to-sign".
    QCOMPARE(SasToken::computeSignature("cGFzc3dvcmQ=", "string-to-sign"),
             QByteArray("o1n1hiIVgzVA2+krq9ty1Z4xsIJKJZP3dYT8MOi65Y4="));
}

void TestSasToken::signVectors_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<qint64>("expiry");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("expected");

    // V2: sr "uri", skn "name".
    QTest::addRow("V2") << QStringLiteral("uri") << QByteArray("cGFzc3dvcmQ=") << qint64(12345) << QStringLiteral("name")
                        << QStringLiteral("SharedAccessSignature sr=uri&sig=kcWxXAK2OAaAoq2oCkaGzX2NMqDB8nCyNuq2fPYCDhk%3D"
                                          "&se=12345&skn=name");
    // V3: device token, lenient base64 key "key" (bytes 91 ec).
    QTest::addRow("V3") << QStringLiteral("host/devices/device") << QByteArray("key") << qint64(12345) << QString()
                        << QStringLiteral("SharedAccessSignature sr=host%2Fdevices%2Fdevice&sig=wM3XiP6gD960IxP7J5WHqnxQHEcWC6YaQCtoMT%2BkKHc%3D&se=12345");

    const QByteArray key32("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    QTest::addRow("V5") << QStringLiteral("myhub.azure-devices.net/devices/device1") << key32 << qint64(1700000000)
                        << QString()
                        << QStringLiteral("SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fdevice1"
                                          "&sig=gFSfLGMXDOvf906%2FiaX3KwzLLNFHgaFZyCbsGjxtd1Y%3D&se=1700000000");
    QTest::addRow("V7 skn is not signed") << QStringLiteral("myhub.azure-devices.net/devices/device1") << key32
                                          << qint64(1700000000) << QStringLiteral("device")
                                          << QStringLiteral("SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fdevice1"
                                                            "&sig=gFSfLGMXDOvf906%2FiaX3KwzLLNFHgaFZyCbsGjxtd1Y%3D&se=1700000000&skn=device");
    QTest::addRow("V8 hub policy") << QStringLiteral("myhub.azure-devices.net") << key32 << qint64(1700000000)
                                   << QStringLiteral("iothubowner")
                                   << QStringLiteral("SharedAccessSignature sr=myhub.azure-devices.net"
                                                     "&sig=iIzEw6hi6GK79RY5jNXO6QeQkSL%2FAx4zTmy44X2G1VY%3D&se=1700000000&skn=iothubowner");
    QTest::addRow("V9 LoRaWAN device via policy")
        << QStringLiteral("myhub.azure-devices.net/devices/lora-0004A30B001C0530") << key32 << qint64(1700000000)
        << QStringLiteral("device")
        << QStringLiteral("SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Flora-0004A30B001C0530"
                          "&sig=9PmpExzIfPIB8fZCwETc1RoZeL3XNWQfaS3duNtoQ7U%3D&se=1700000000&skn=device");
}

void TestSasToken::signVectors()
{
    QFETCH(QString, resource);
    QFETCH(QByteArray, key);
    QFETCH(qint64, expiry);
    QFETCH(QString, keyName);
    QFETCH(QString, expected);
    QCOMPARE(SasToken::sign(resource, key, expiry, keyName), expected);
}

void TestSasToken::keyNameIsStrictlyEncoded()
{
    // V4: skn uses strict encoding, so !'()* are escaped too.
    const QString token = SasToken::sign(QStringLiteral("uri"), "cGFzc3dvcmQ=", 12345, QStringLiteral("encode('Me')"));
    QVERIFY2(token.endsWith(QStringLiteral("&skn=encode%28%27Me%27%29")), qPrintable(token));
    const auto parsed = SasToken::parse(token);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().keyName(), QStringLiteral("encode('Me')"));
}

void TestSasToken::signatureOverRawResource_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("expectedSignature");
    const QString base = QStringLiteral("SharedAccessSignature sr=%1&sig=%2&se=1700000000");
    // V6: lower-case hex in sr gives a different signature than V5: the signature covers sr as sent.
    QTest::addRow("V5 upper-case hex") << base.arg(QStringLiteral("myhub.azure-devices.net%2Fdevices%2Fdevice1"),
                                                  QStringLiteral("gFSfLGMXDOvf906%2FiaX3KwzLLNFHgaFZyCbsGjxtd1Y%3D"))
                                       << QByteArray("gFSfLGMXDOvf906/iaX3KwzLLNFHgaFZyCbsGjxtd1Y=");
    QTest::addRow("V6 lower-case hex") << base.arg(QStringLiteral("myhub.azure-devices.net%2fdevices%2fdevice1"),
                                                  QStringLiteral("iIyvul1z7xsjQDMXvGvUxZi%2BlqnXkFn5lOgyNrICYDM%3D"))
                                       << QByteArray("iIyvul1z7xsjQDMXvGvUxZi+lqnXkFn5lOgyNrICYDM=");
}

void TestSasToken::signatureOverRawResource()
{
    QFETCH(QString, token);
    QFETCH(QByteArray, expectedSignature);
    const QByteArray key("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    const auto parsed = SasToken::parse(token);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().signature(), expectedSignature);
    QCOMPARE(parsed.value().resource(), QStringLiteral("myhub.azure-devices.net/devices/device1"));
    const QDateTime before = QDateTime::fromSecsSinceEpoch(1699999000, Qt::UTC);
    const Status verified = parsed.value().verify(key, before);
    QVERIFY2(verified.ok(), qPrintable(verified.error().message()));
}

void TestSasToken::parseRejectsMalformed_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("mentions");
    const QString sig = QStringLiteral("gFSfLGMXDOvf906%2FiaX3KwzLLNFHgaFZyCbsGjxtd1Y%3D");
    QTest::addRow("empty") << QString() << QStringLiteral("empty");
    QTest::addRow("no prefix") << QStringLiteral("sr=a&sig=%1&se=1").arg(sig) << QStringLiteral("SharedAccessSignature");
    QTest::addRow("wrong prefix") << QStringLiteral("Bearer sr=a&sig=%1&se=1").arg(sig) << QStringLiteral("SharedAccessSignature");
    QTest::addRow("missing sr") << QStringLiteral("SharedAccessSignature sig=%1&se=1").arg(sig) << QStringLiteral("\"sr\"");
    QTest::addRow("missing sig") << QStringLiteral("SharedAccessSignature sr=a&se=1") << QStringLiteral("\"sig\"");
    QTest::addRow("missing se") << QStringLiteral("SharedAccessSignature sr=a&sig=%1").arg(sig) << QStringLiteral("\"se\"");
    QTest::addRow("se not a number") << QStringLiteral("SharedAccessSignature sr=a&sig=%1&se=tomorrow").arg(sig)
                                     << QStringLiteral("whole number");
    QTest::addRow("negative se") << QStringLiteral("SharedAccessSignature sr=a&sig=%1&se=-5").arg(sig)
                                 << QStringLiteral("whole number");
    QTest::addRow("sig not base64") << QStringLiteral("SharedAccessSignature sr=a&sig=!!!&se=1") << QStringLiteral("base64");
    QTest::addRow("sig wrong length") << QStringLiteral("SharedAccessSignature sr=a&sig=AAAA&se=1") << QStringLiteral("HMAC");
    QTest::addRow("duplicate sr") << QStringLiteral("SharedAccessSignature sr=a&sr=b&sig=%1&se=1").arg(sig)
                                  << QStringLiteral("twice");
    QTest::addRow("field without value") << QStringLiteral("SharedAccessSignature sr=&sig=%1&se=1").arg(sig)
                                         << QStringLiteral("empty");
    QTest::addRow("field without equals") << QStringLiteral("SharedAccessSignature sr&sig=%1&se=1").arg(sig)
                                          << QStringLiteral("name=value");
    QTest::addRow("empty field") << QStringLiteral("SharedAccessSignature sr=a&&sig=%1&se=1").arg(sig)
                                 << QStringLiteral("&&");
    QTest::addRow("unknown field") << QStringLiteral("SharedAccessSignature sr=a&sig=%1&se=1&foo=bar").arg(sig)
                                   << QStringLiteral("foo");
    QTest::addRow("three parts") << QStringLiteral("SharedAccessSignature sr=a&sig=%1 &se=1").arg(sig)
                                 << QStringLiteral("SharedAccessSignature");
    QTest::addRow("broken escape in sr") << QStringLiteral("SharedAccessSignature sr=a%zz&sig=%1&se=1").arg(sig)
                                         << QStringLiteral("two hex digits");
    QTest::addRow("escape in skn not UTF-8")
        << QStringLiteral("SharedAccessSignature sr=a&sig=%1&se=1&skn=%FF").arg(sig) << QStringLiteral("UTF-8");
}

void TestSasToken::parseRejectsMalformed()
{
    QFETCH(QString, token);
    QFETCH(QString, mentions);
    const auto parsed = SasToken::parse(token);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(parsed.error().message().contains(mentions), qPrintable(parsed.error().message()));
}

void TestSasToken::parseAcceptsAnyFieldOrder()
{
    // Older docs order sig, se, skn, sr; names are case-insensitive (C# parser).
    const auto parsed = SasToken::parse(
        QStringLiteral("SharedAccessSignature SIG=gFSfLGMXDOvf906%2FiaX3KwzLLNFHgaFZyCbsGjxtd1Y%3D&se=1700000000"
                       "&skn=device&Sr=myhub.azure-devices.net%2Fdevices%2Fdevice1"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().keyName(), QStringLiteral("device"));
    QCOMPARE(parsed.value().expiry(), qint64(1700000000));
    QVERIFY(parsed.value().verify("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                                  QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC)).ok());
}

void TestSasToken::verifyRoundTrip()
{
    const QByteArray key = QByteArray("0123456789abcdef0123456789abcdef").toBase64();
    const QString token = SasToken::sign(SasToken::deviceResource(QStringLiteral("Hub.azure-devices.net"),
                                                                  QStringLiteral("dev-1")),
                                         key, 2000000000, QStringLiteral("twinbridge"));
    const auto parsed = SasToken::parse(token);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().resource(), QStringLiteral("hub.azure-devices.net/devices/dev-1"));
    QCOMPARE(parsed.value().keyName(), QStringLiteral("twinbridge"));
    QVERIFY(parsed.value().verify(key, QDateTime::fromSecsSinceEpoch(1900000000, Qt::UTC)).ok());
}

void TestSasToken::verifyRejectsWrongKey()
{
    const QByteArray key = QByteArray("0123456789abcdef0123456789abcdef").toBase64();
    const QByteArray other = QByteArray("fedcba9876543210fedcba9876543210").toBase64();
    const auto parsed = SasToken::parse(SasToken::sign(QStringLiteral("hub/devices/d"), key, 2000000000));
    QVERIFY(parsed.ok());
    const Status verified = parsed.value().verify(other, QDateTime::fromSecsSinceEpoch(1900000000, Qt::UTC));
    QVERIFY(!verified.ok());
    QCOMPARE(verified.error().kind(), ServiceError::Kind::Unauthorized);
    QCOMPARE(verified.error().code(), QStringLiteral("SignatureMismatch"));
}

void TestSasToken::verifyExpiryWithSkew_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("valid");
    QTest::addRow("well before") << qint64(1700000000 - 3600) << true;
    QTest::addRow("at expiry") << qint64(1700000000) << true;
    QTest::addRow("within 5 min skew") << qint64(1700000000 + 300) << true;
    QTest::addRow("past skew") << qint64(1700000000 + 301) << false;
    QTest::addRow("a day late") << qint64(1700000000 + 86400) << false;
}

void TestSasToken::verifyExpiryWithSkew()
{
    QFETCH(qint64, now);
    QFETCH(bool, valid);
    const QByteArray key("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    const auto parsed = SasToken::parse(SasToken::sign(QStringLiteral("hub"), key, 1700000000, QStringLiteral("p")));
    QVERIFY(parsed.ok());
    const Status verified = parsed.value().verify(key, QDateTime::fromSecsSinceEpoch(now, Qt::UTC));
    QCOMPARE(verified.ok(), valid);
    if (!valid) {
        QCOMPARE(verified.error().code(), QStringLiteral("TokenExpired"));
        QVERIFY(verified.error().message().contains(QStringLiteral("clock")));
    }
}

void TestSasToken::covers_data()
{
    QTest::addColumn<QString>("tokenResource");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<bool>("covered");
    QTest::addRow("exact") << QStringLiteral("hub.azure-devices.net/devices/d1") << QStringLiteral("hub.azure-devices.net/devices/d1") << true;
    QTest::addRow("hub covers device") << QStringLiteral("hub.azure-devices.net") << QStringLiteral("hub.azure-devices.net/devices/d1") << true;
    QTest::addRow("devices covers device") << QStringLiteral("hub.azure-devices.net/devices") << QStringLiteral("hub.azure-devices.net/devices/d1") << true;
    QTest::addRow("segment prefix only") << QStringLiteral("hub.azure-devices.net/devices/d1") << QStringLiteral("hub.azure-devices.net/devices/d10") << false;
    QTest::addRow("other device") << QStringLiteral("hub.azure-devices.net/devices/d1") << QStringLiteral("hub.azure-devices.net/devices/d2") << false;
    QTest::addRow("case-insensitive host") << QStringLiteral("HUB.azure-devices.net") << QStringLiteral("hub.azure-devices.net/devices/d1") << true;
    QTest::addRow("trailing slash") << QStringLiteral("hub.azure-devices.net/devices/") << QStringLiteral("hub.azure-devices.net/devices/d1") << true;
    QTest::addRow("other hub") << QStringLiteral("hub2.azure-devices.net") << QStringLiteral("hub.azure-devices.net/devices/d1") << false;
    QTest::addRow("narrower than request") << QStringLiteral("hub.azure-devices.net/devices/d1") << QStringLiteral("hub.azure-devices.net") << false;
}

void TestSasToken::covers()
{
    QFETCH(QString, tokenResource);
    QFETCH(QString, requested);
    QFETCH(bool, covered);
    const auto parsed = SasToken::parse(SasToken::sign(tokenResource, "AAAA", 1));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().covers(requested), covered);
}

QTEST_GUILESS_MAIN(TestSasToken)
#include "tst_sastoken.moc"
