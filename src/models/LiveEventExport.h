#pragma once

#include "services/core/Result.h"
#include "services/engine/EngineEvent.h"

#include <QByteArray>
#include <QCoreApplication>

namespace TwinBridge {

// The file formats of the live data's exports and recordings. Every format carries the same members as
// EngineEvent::toJson(): time (UTC, ISO 8601 with milliseconds), deviceId, kind (the stable name), summary, detail.
class LiveEventExport
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::LiveEventExport)

public:
    enum class Format {
        Json, // one indented JSON array
        Csv, // RFC 4180: a header line, CRLF line ends, fields quoted when needed; detail as compact JSON
        JsonLines, // one compact JSON object per line (what a recording writes)
    };

    static QByteArray toJson(const EngineEvents &events);
    static QByteArray toCsv(const EngineEvents &events);
    // One line, '\n' included.
    static QByteArray toJsonLine(const EngineEvent &event);
    static QByteArray encode(const EngineEvents &events, Format format);

    // Writes the whole file at once (QSaveFile: an old file is replaced only when the new one is complete).
    static Status writeFile(const QString &filePath, const EngineEvents &events, Format format);
};

} // namespace TwinBridge
