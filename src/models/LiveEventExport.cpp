#include "models/LiveEventExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace TwinBridge {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

} // namespace

QByteArray LiveEventExport::toJson(const EngineEvents &events)
{
    QJsonArray array;
    for (const EngineEvent &event : events)
        array.append(event.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray LiveEventExport::toCsv(const EngineEvents &events)
{
    QByteArray csv = "time,deviceId,kind,summary,detail\r\n";
    for (const EngineEvent &event : events) {
        csv += csvField(event.time.toUTC().toString(Qt::ISODateWithMs)) + ',' + csvField(event.deviceId) + ',' +
            csvField(EngineEvent::kindName(event.kind)) + ',' + csvField(event.summary) + ',';
        if (!event.detail.isEmpty())
            csv += csvField(QString::fromUtf8(QJsonDocument(event.detail).toJson(QJsonDocument::Compact)));
        csv += "\r\n";
    }
    return csv;
}

QByteArray LiveEventExport::toJsonLine(const EngineEvent &event)
{
    return QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray LiveEventExport::encode(const EngineEvents &events, Format format)
{
    switch (format) {
    case Format::Json:
        return toJson(events);
    case Format::Csv:
        return toCsv(events);
    case Format::JsonLines:
        break;
    }
    QByteArray lines;
    for (const EngineEvent &event : events)
        lines += toJsonLine(event);
    return lines;
}

Status LiveEventExport::writeFile(const QString &filePath, const EngineEvents &events, Format format)
{
    QSaveFile file(filePath);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(encode(events, format));
        if (file.commit())
            return Done {};
    }
    ServiceError error(ServiceError::Kind::Backend,
                       tr("The file cannot be written (%1). Choose a folder you can write to.").arg(file.errorString()),
                       file.errorString());
    error.setOperation(tr("export the live data to “%1”").arg(filePath));
    return error;
}

} // namespace TwinBridge
