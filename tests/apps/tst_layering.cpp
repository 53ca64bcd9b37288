// The engine is a library a GUI happens to use: nothing under src/services or src/models includes a Qt
// Widgets header (or a views/ header that would bring one), and twinbridged does not link libQt6Widgets.

#include "SourceFiles.h"

#include <QDir>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using TwinBridge::Test::SourceFile;
using TwinBridge::Test::sourceFiles;

class TestLayering : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void widgetIncludeIsRecognised_data();
    void widgetIncludeIsRecognised();
    void servicesAndModelsIncludeNoWidgets_data();
    void servicesAndModelsIncludeNoWidgets();
    void twinbridgedDoesNotLinkWidgets();

private:
    bool isWidgetsInclude(const QString &includeLine) const;

    // Every header of the QtWidgets module that exists only there ("QDialog", "qdialog.h", …).
    QSet<QString> m_widgetHeaders;
    QString m_sourceDir;
};

void TestLayering::initTestCase()
{
    m_sourceDir = QString::fromLocal8Bit(qgetenv("TWINBRIDGE_SOURCE_DIR"));
    QVERIFY2(QDir(m_sourceDir).exists(QStringLiteral("src/services")), "TWINBRIDGE_SOURCE_DIR is not set");

    const QDir headers(QLibraryInfo::path(QLibraryInfo::HeadersPath));
    const QDir widgets(headers.filePath(QStringLiteral("QtWidgets")));
    QVERIFY2(widgets.exists(), qPrintable(widgets.path()));
    QSet<QString> elsewhere;
    for (const char *module : {"QtCore", "QtGui"}) {
        const QStringList names = QDir(headers.filePath(QLatin1String(module))).entryList(QDir::Files);
        elsewhere.unite(QSet<QString>(names.cbegin(), names.cend()));
    }
    const QStringList names = widgets.entryList(QDir::Files);
    for (const QString &name : names) {
        // Qt 6 keeps forwarding headers (qaction.h, qshortcut.h, …) in QtWidgets for classes that moved to
        // QtGui; those are not Widgets-only.
        if (!elsewhere.contains(name))
            m_widgetHeaders.insert(name);
    }
    m_widgetHeaders.insert(QStringLiteral("QtWidgets"));
    QVERIFY(m_widgetHeaders.contains(QStringLiteral("QWidget")));
    QVERIFY(m_widgetHeaders.contains(QStringLiteral("QApplication")));
    QVERIFY(!m_widgetHeaders.contains(QStringLiteral("qaction.h")));
}

bool TestLayering::isWidgetsInclude(const QString &includeLine) const
{
    static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"));
    const QRegularExpressionMatch match = include.match(includeLine);
    if (!match.hasMatch())
        return false;
    const QString path = match.captured(1);
    if (path.startsWith(QLatin1String("QtWidgets/")) || path.startsWith(QLatin1String("views/")))
        return true;
    return !path.contains(QLatin1Char('/')) && m_widgetHeaders.contains(path);
}

void TestLayering::widgetIncludeIsRecognised_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("widgets");

    QTest::addRow("QWidget") << "#include <QWidget>" << true;
    QTest::addRow("QMainWindow") << "#include <QMainWindow>" << true;
    QTest::addRow("QDialog") << "#include <QDialog>" << true;
    QTest::addRow("QMessageBox") << "#include <QMessageBox>" << true;
    QTest::addRow("QApplication") << "#include <QApplication>" << true;
    QTest::addRow("QTableView") << "#include <QTableView>" << true;
    QTest::addRow("module header") << "#include <QtWidgets>" << true;
    QTest::addRow("module path") << "#include <QtWidgets/QLineEdit>" << true;
    QTest::addRow("lower-case header") << "#include <qpushbutton.h>" << true;
    QTest::addRow("spaced directive") << "  #  include \"QComboBox\"" << true;
    QTest::addRow("views header") << "#include \"views/MessageBox.h\"" << true;
    QTest::addRow("QObject") << "#include <QObject>" << false;
    QTest::addRow("QGuiApplication") << "#include <QGuiApplication>" << false;
    QTest::addRow("QAction moved to QtGui") << "#include <qaction.h>" << false;
    QTest::addRow("QNetworkReply") << "#include <QNetworkReply>" << false;
    QTest::addRow("services header") << "#include \"services/core/Result.h\"" << false;
    QTest::addRow("comment") << "// #include <QWidget> would be wrong here" << false;
}

void TestLayering::widgetIncludeIsRecognised()
{
    QFETCH(QString, line);
    QFETCH(bool, widgets);
    QCOMPARE(isWidgetsInclude(line), widgets);
}

void TestLayering::servicesAndModelsIncludeNoWidgets_data()
{
    QTest::addColumn<QString>("directory");
    QTest::addRow("src/services") << "src/services";
    QTest::addRow("src/models") << "src/models";
}

void TestLayering::servicesAndModelsIncludeNoWidgets()
{
    QFETCH(QString, directory);

    QStringList offenders;
    const QList<SourceFile> files =
        sourceFiles(m_sourceDir, directory, {QStringLiteral("*.h"), QStringLiteral("*.cpp")});
    for (const SourceFile &file : files) {
        QVERIFY2(file.readable, qPrintable(file.path));
        const QStringList lines = file.text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (isWidgetsInclude(lines.at(i)))
                offenders << QStringLiteral("%1:%2: %3").arg(file.path).arg(i + 1).arg(lines.at(i).trimmed());
        }
    }
    QVERIFY2(!files.isEmpty(), qPrintable(directory));
    QVERIFY2(offenders.isEmpty(),
             qPrintable(QStringLiteral("Widgets headers outside src/views:\n") + offenders.join(QLatin1Char('\n'))));
}

void TestLayering::twinbridgedDoesNotLinkWidgets()
{
    QProcess ldd;
    QSignalSpy finished(&ldd, &QProcess::finished);
    ldd.start(QStringLiteral("ldd"), {QStringLiteral(TWINBRIDGED_PATH)});
    QVERIFY(finished.wait(20000));
    QCOMPARE(ldd.exitCode(), 0);
    const QString libraries = QString::fromLocal8Bit(ldd.readAllStandardOutput());
    QVERIFY2(libraries.contains(QStringLiteral("libQt6Core.so")), qPrintable(libraries));
    QVERIFY2(!libraries.contains(QStringLiteral("libQt6Widgets")), qPrintable(libraries));
}

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
