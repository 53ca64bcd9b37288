#include "models/DeviceMirrorExport.h"

#include "models/DeviceMirrorModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace TwinBridge {

namespace {

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
        !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// The export value of one column, as text (CSV) — JSON uses the same texts except for numbers and booleans.
QString exportText(const DeviceMirrorRow &row, int column)
{
    switch (column) {
    case DeviceMirrorModel::TtsLastSeenColumn:
        return isoTime(row.ttsLastSeen);
    case DeviceMirrorModel::LastActivityColumn:
        return isoTime(row.lastActivity);
    case DeviceMirrorModel::LastUplinkColumn:
        return isoTime(row.lastUplink);
    case DeviceMirrorModel::HubStatusColumn:
        return row.inHub ? DeviceIdentity::statusName(row.hubStatus) : QString();
    case DeviceMirrorModel::ConnectionStateColumn:
        return row.inHub ? DeviceIdentity::connectionStateName(row.connectionState) : QString();
    case DeviceMirrorModel::TwinVersionColumn:
        return row.inHub ? QString::number(row.twinVersion) : QString();
    case DeviceMirrorModel::SyncStateColumn:
        return DeviceMirrorRow::syncStateName(row.syncState());
    default:
        return DeviceMirrorModel::displayText(row, column);
    }
}

} // namespace

QJsonObject DeviceMirrorExport::rowToJson(const DeviceMirrorRow &row)
{
    QJsonObject object;
    for (int column = 0; column < DeviceMirrorModel::ColumnCount; ++column) {
        const QString key = DeviceMirrorModel::columnKey(column);
        if (column == DeviceMirrorModel::TwinVersionColumn) {
            object.insert(key, row.inHub ? QJsonValue(double(row.twinVersion)) : QJsonValue(QJsonValue::Null));
            continue;
        }
        const QString text = exportText(row, column);
        object.insert(key,
                      text.isEmpty() && column != DeviceMirrorModel::NameColumn &&
                              column != DeviceMirrorModel::LastErrorColumn
                          ? QJsonValue(QJsonValue::Null)
                          : QJsonValue(text));
    }
    object.insert(QStringLiteral("inTts"), row.inTts);
    object.insert(QStringLiteral("inHub"), row.inHub);
    return object;
}

QByteArray DeviceMirrorExport::toCsv(const QList<DeviceMirrorRow> &rows)
{
    QString text;
    QStringList header;
    for (int column = 0; column < DeviceMirrorModel::ColumnCount; ++column)
        header.append(DeviceMirrorModel::columnKey(column));
    text += header.join(QLatin1Char(',')) + QLatin1String("\r\n");
    for (const DeviceMirrorRow &row : rows) {
        QStringList fields;
        for (int column = 0; column < DeviceMirrorModel::ColumnCount; ++column)
            fields.append(csvField(exportText(row, column)));
        text += fields.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
    return text.toUtf8();
}

QByteArray DeviceMirrorExport::toJson(const QList<DeviceMirrorRow> &rows)
{
    QJsonArray devices;
    for (const DeviceMirrorRow &row : rows)
        devices.append(rowToJson(row));
    return QJsonDocument(QJsonObject {{QStringLiteral("devices"), devices}}).toJson(QJsonDocument::Indented);
}

DeviceMirrorExport::Format DeviceMirrorExport::formatForPath(const QString &path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

Status DeviceMirrorExport::writeFile(const QString &path, Format format, const QList<DeviceMirrorRow> &rows)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return ServiceError(
            ServiceError::Kind::Backend,
            tr("Could not write %1: %2. Choose another folder or file name.").arg(path, file.errorString()));
    }
    file.write(format == Format::Json ? toJson(rows) : toCsv(rows));
    if (!file.commit()) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("Could not write %1: %2. Check the free space and the folder's permissions.")
                                .arg(path, file.errorString()));
    }
    return Done {};
}

} // namespace TwinBridge
