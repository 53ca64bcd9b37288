#include "models/LiveEventRecorder.h"

#include "models/LiveEventExport.h"

namespace TwinBridge {

LiveEventRecorder::LiveEventRecorder(QObject *parent)
    : QObject(parent)
{ }

LiveEventRecorder::~LiveEventRecorder()
{
    m_file.close();
}

Status LiveEventRecorder::start(const QString &filePath)
{
    stop();
    m_fileName = filePath;
    m_count = 0;
    m_file.setFileName(filePath);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return fileError(tr("record the live data to “%1”").arg(filePath));
    emit countChanged(0);
    emit recordingChanged(true);
    return Done {};
}

void LiveEventRecorder::stop()
{
    if (!m_file.isOpen())
        return;
    m_file.close();
    emit recordingChanged(false);
}

void LiveEventRecorder::record(const EngineEvents &events)
{
    if (!m_file.isOpen() || events.isEmpty())
        return;
    const QByteArray lines = LiveEventExport::encode(events, LiveEventExport::Format::JsonLines);
    if (m_file.write(lines) != lines.size() || !m_file.flush()) {
        const ServiceError error = fileError(tr("record the live data to “%1”").arg(m_fileName));
        stop();
        emit failed(error);
        return;
    }
    m_count += quint64(events.size());
    emit countChanged(m_count);
}

ServiceError LiveEventRecorder::fileError(const QString &operation) const
{
    ServiceError error(ServiceError::Kind::Backend,
                       tr("The file cannot be written (%1). Choose a folder you can write to and enough free space.")
                           .arg(m_file.errorString()),
                       m_file.errorString());
    error.setOperation(operation);
    return error;
}

} // namespace TwinBridge
