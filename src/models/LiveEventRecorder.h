#pragma once

#include "services/core/Result.h"
#include "services/engine/EngineEvent.h"

#include <QFile>
#include <QObject>

namespace TwinBridge {

// Records the live feed to a file, one compact JSON object per line (LiveEventExport::toJsonLine), as the
// events arrive — independent of what the view shows, so a paused or filtered view keeps recording everything.
// Each batch is written and flushed at once; a write error stops the recording and says why.
class LiveEventRecorder : public QObject
{
    Q_OBJECT

public:
    explicit LiveEventRecorder(QObject *parent = nullptr);
    ~LiveEventRecorder() override;

    // Creates (or truncates) the file and starts recording; a running recording is stopped first.
    Status start(const QString &filePath);
    void stop();

    bool isRecording() const { return m_file.isOpen(); }
    // The file of the running (or last) recording.
    QString fileName() const { return m_fileName; }
    // Events written to it.
    quint64 count() const { return m_count; }

public slots:
    void record(const TwinBridge::EngineEvents &events);

signals:
    void recordingChanged(bool recording);
    void countChanged(quint64 count);
    // Writing failed; the recording stopped.
    void failed(const TwinBridge::ServiceError &error);

private:
    ServiceError fileError(const QString &operation) const;

    QFile m_file;
    QString m_fileName;
    quint64 m_count = 0;
};

} // namespace TwinBridge
