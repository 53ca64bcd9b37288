#include "views/LanguageManager.h"

#include "services/core/Logging.h"
#include "services/settings/Settings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace TwinBridge {

namespace {
const QLatin1String sourceLanguage("en");
const QLatin1String resourceDirectory(":/i18n");
} // namespace

LanguageManager::LanguageManager(Settings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings ? settings : Settings::instance())
{
    Q_ASSERT(m_settings);
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::Language)
            apply();
    });
    apply();
}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QStringList LanguageManager::supportedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

QString LanguageManager::resolve(const QString &setting, const QLocale &systemLocale)
{
    const QStringList supported = supportedLanguages();
    if (supported.contains(setting))
        return setting;
    if (!setting.isEmpty())
        qCWarning(lcUi) << "unsupported language setting" << setting << "- following the system";
    const QStringList uiLanguages = systemLocale.uiLanguages();
    for (const QString &uiLanguage : uiLanguages) {
        // "de-DE", "de_AT", "en" → the language part
        const QString language = uiLanguage.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (supported.contains(language))
            return language;
    }
    return sourceLanguage;
}

bool LanguageManager::isQtTranslationLoaded() const
{
    return m_qtTranslator != nullptr;
}

void LanguageManager::apply()
{
    const QString language = resolve(m_settings->value(Settings::Key::Language).toString(), QLocale::system());
    if (language == m_current)
        return;

    removeTranslators();

    auto appTranslator = std::make_unique<QTranslator>();
    const QString appFile = QStringLiteral("twinbridge_") + language;
    if (appTranslator->load(appFile, resourceDirectory)) {
        QCoreApplication::installTranslator(appTranslator.get());
        m_appTranslator = std::move(appTranslator);
    } else if (language != sourceLanguage) {
        qCWarning(lcUi) << "translation" << appFile << "is not embedded; showing English";
    }

    if (language != sourceLanguage) {
        auto qtTranslator = std::make_unique<QTranslator>();
        const QString qtDirectory = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (qtTranslator->load(QStringLiteral("qtbase_") + language, qtDirectory)) {
            QCoreApplication::installTranslator(qtTranslator.get());
            m_qtTranslator = std::move(qtTranslator);
        } else {
            qCWarning(lcUi) << "Qt's translation qtbase_" << language << "not found in" << qtDirectory;
        }
    }

    m_current = language;
    qCInfo(lcUi) << "language" << language;
    emit languageChanged(language);
}

void LanguageManager::removeTranslators()
{
    if (m_appTranslator) {
        QCoreApplication::removeTranslator(m_appTranslator.get());
        m_appTranslator.reset();
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator.get());
        m_qtTranslator.reset();
    }
}

} // namespace TwinBridge
