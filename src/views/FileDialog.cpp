#include "views/FileDialog.h"

#include <QFileDialog>

#include <optional>

namespace TwinBridge {

namespace {
std::optional<QString> g_nextFileName;
QString g_lastCaption;

std::optional<QString> takeNextFileName(const QString &caption)
{
    g_lastCaption = caption;
    std::optional<QString> next;
    next.swap(g_nextFileName);
    return next;
}
} // namespace

QString FileDialog::getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                                    const QString &filter)
{
    if (const std::optional<QString> answer = takeNextFileName(caption))
        return *answer;
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString FileDialog::getSaveFileName(QWidget *parent, const QString &caption, const QString &suggestedPath,
                                    const QString &filter)
{
    if (const std::optional<QString> answer = takeNextFileName(caption))
        return *answer;
    return QFileDialog::getSaveFileName(parent, caption, suggestedPath, filter);
}

void FileDialog::setNextFileName(const QString &fileName)
{
    g_nextFileName = fileName;
}

QString FileDialog::lastCaption()
{
    return g_lastCaption;
}

} // namespace TwinBridge
