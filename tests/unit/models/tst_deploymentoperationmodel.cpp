#include "models/DeploymentOperationModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;

namespace {

ArmDeploymentOperation operation(const QString &name, const QString &type, const QString &state,
                                 const QString &duration = {})
{
    ArmDeploymentOperation op;
    op.operationId = name + QStringLiteral("-op");
    op.provisioningState = state;
    op.provisioningOperation = QStringLiteral("Create");
    op.duration = duration;
    op.targetResource.id = QStringLiteral("/subscriptions/s/resourceGroups/rg/providers/%1/%2").arg(type, name);
    op.targetResource.resourceType = type;
    op.targetResource.resourceName = name;
    return op;
}

} // namespace

// The wizard's per-resource deployment progress: one row per resource, updated in place as its operation moves on.
class TestDeploymentOperationModel : public QObject
{
    Q_OBJECT

private slots:
    void durationText_data();
    void durationText();
    void oneRowPerResourceUpdatedInPlace();
    void failedRowsCarryAzuresMessage();
};

void TestDeploymentOperationModel::durationText_data()
{
    QTest::addColumn<QString>("iso");
    QTest::addColumn<QString>("text");
    QTest::addRow("seconds") << QStringLiteral("PT3.005S") << QStringLiteral("3.0 s");
    QTest::addRow("long fraction") << QStringLiteral("PT22.8356799S") << QStringLiteral("22.8 s");
    QTest::addRow("minutes") << QStringLiteral("PT1M2S") << QStringLiteral("62.0 s");
    QTest::addRow("hours") << QStringLiteral("PT1H") << QStringLiteral("3600.0 s");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("garbage") << QStringLiteral("three seconds") << QString();
}

void TestDeploymentOperationModel::durationText()
{
    QFETCH(QString, iso);
    QFETCH(QString, text);
    QCOMPARE(DeploymentOperationModel::durationText(iso), text);
}

void TestDeploymentOperationModel::oneRowPerResourceUpdatedInPlace()
{
    DeploymentOperationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.update(operation(QStringLiteral("iothub-x"), QStringLiteral("Microsoft.Devices/IotHubs"),
                           QStringLiteral("Running"), QStringLiteral("PT0.5S")));
    model.update(operation(QStringLiteral("evhubns-x"), QStringLiteral("Microsoft.EventHub/namespaces"),
                           QStringLiteral("Running")));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.allIn(QStringLiteral("Succeeded")));

    model.update(operation(QStringLiteral("iothub-x"), QStringLiteral("Microsoft.Devices/IotHubs"),
                           QStringLiteral("Succeeded"), QStringLiteral("PT3.1S")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.size(), 1);
    const QModelIndex state = model.index(0, DeploymentOperationModel::StateColumn);
    QCOMPARE(state.data().toString(), QStringLiteral("Succeeded"));
    QCOMPARE(state.data(DeploymentOperationModel::StateRole).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(state.data(Qt::DecorationRole).value<QColor>(),
             DeploymentOperationModel::stateColor(QStringLiteral("Succeeded")));
    QCOMPARE(model.index(0, DeploymentOperationModel::DurationColumn).data().toString(), QStringLiteral("3.1 s"));
    QCOMPARE(model.index(0, DeploymentOperationModel::ResourceColumn).data().toString(), QStringLiteral("iothub-x"));
    QCOMPARE(model.index(1, DeploymentOperationModel::TypeColumn).data().toString(),
             QStringLiteral("Microsoft.EventHub/namespaces"));
    QCOMPARE(model.resourcesIn(QStringLiteral("Succeeded")), QStringList {QStringLiteral("iothub-x")});

    model.update(operation(QStringLiteral("evhubns-x"), QStringLiteral("Microsoft.EventHub/namespaces"),
                           QStringLiteral("Succeeded")));
    QVERIFY(model.allIn(QStringLiteral("Succeeded")));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.allIn(QStringLiteral("Succeeded")));
}

void TestDeploymentOperationModel::failedRowsCarryAzuresMessage()
{
    DeploymentOperationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ArmDeploymentOperation failed = operation(
        QStringLiteral("fnstorx"), QStringLiteral("Microsoft.Storage/storageAccounts"), QStringLiteral("Failed"));
    CloudError error;
    error.code = QStringLiteral("Conflict");
    error.message = QStringLiteral("outer");
    CloudError inner;
    inner.code = QStringLiteral("StorageAccountAlreadyTaken");
    inner.message = QStringLiteral("The storage account named fnstorx is already taken.");
    error.details.append(inner);
    failed.error = error;
    model.update(failed);
    model.update(
        operation(QStringLiteral("iothub-x"), QStringLiteral("Microsoft.Devices/IotHubs"), QStringLiteral("Running")));
    QCOMPARE(model.index(0, DeploymentOperationModel::MessageColumn).data().toString(), inner.message);
    QVERIFY(model.index(0, DeploymentOperationModel::MessageColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("StorageAccountAlreadyTaken")));
    QVERIFY(model.index(1, DeploymentOperationModel::MessageColumn).data().toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestDeploymentOperationModel)
#include "tst_deploymentoperationmodel.moc"
