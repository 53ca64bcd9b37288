#pragma once

#include "models/DeviceMirrorRow.h"
#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace TwinBridge {

// The device mirror's rows as files a spreadsheet or a script reads: CSV (RFC 4180, UTF-8, a header of the
// column keys) and JSON ({"devices":[{…}]}). Times are ISO 8601 UTC, sync states and hub statuses their stable
// names, empty cells mean "not known". Never a secret: rows hold none.
class DeviceMirrorExport
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::DeviceMirrorExport)

public:
    enum class Format { Csv, Json };

    static QJsonObject rowToJson(const DeviceMirrorRow &row);
    static QByteArray toCsv(const QList<DeviceMirrorRow> &rows);
    static QByteArray toJson(const QList<DeviceMirrorRow> &rows);
    // Writes atomically (QSaveFile); the error names the file and why it could not be written.
    static Status writeFile(const QString &path, Format format, const QList<DeviceMirrorRow> &rows);
    // Json for a path ending in .json (any case), else Csv.
    static Format formatForPath(const QString &path);
};

} // namespace TwinBridge
