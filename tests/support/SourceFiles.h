#pragma once

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

namespace TwinBridge::Test {

// One file of the project's sources, for the tests that check rules over the whole code base.
struct SourceFile
{
    QString path; // relative to the source directory: "src/services/core/Result.h"
    QString text; // as UTF-8, line ends as in the file
    bool readable = true;
};

// Every file below `directory` (relative to `sourceDir`) whose name matches one of `nameFilters`.
inline QList<SourceFile> sourceFiles(const QString &sourceDir, const QString &directory, const QStringList &nameFilters)
{
    const QDir root(sourceDir);
    QList<SourceFile> files;
    QDirIterator it(root.filePath(directory), nameFilters, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        SourceFile source;
        source.path = root.relativeFilePath(path);
        source.readable = file.open(QIODevice::ReadOnly);
        if (source.readable)
            source.text = QString::fromUtf8(file.readAll());
        files.append(source);
    }
    return files;
}

} // namespace TwinBridge::Test
