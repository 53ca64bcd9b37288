#include "services/core/SystemTranslator.h"

#include "services/core/Logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace TwinBridge {

bool installSystemTranslator(QCoreApplication *application)
{
    const QLocale locale;
    auto *ours = new QTranslator(application);
    // English is the source language: only its plural forms live in twinbridge_en.qm.
    if (!ours->load(locale, QStringLiteral("twinbridge"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    qCDebug(lcCore) << "installed translation" << ours->language();
    return true;
}

} // namespace TwinBridge
