#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QLocale;
class QTranslator;

namespace TwinBridge {

class Settings;

// Loads the console's translation (embedded under :/i18n) and Qt's own (qtbase_<lang>.qm from the Qt
// installation) for the language chosen in Settings::Key::Language, and follows changes of that setting at
// run time. Installing or removing a translator sends QEvent::LanguageChange, on which widgets retranslate.
class LanguageManager : public QObject
{
    Q_OBJECT

public:
    explicit LanguageManager(Settings *settings, QObject *parent = nullptr);
    ~LanguageManager() override;

    // Language codes the console is translated to; "en" is the source language.
    static QStringList supportedLanguages();
    // The language to use for a setting ("" = follow the system) on a system with `systemLocale`.
    static QString resolve(const QString &setting, const QLocale &systemLocale);

    // The language in effect ("en", "de").
    QString currentLanguage() const { return m_current; }
    bool isQtTranslationLoaded() const;

    // Applies the current setting; called by the constructor and whenever the setting changes.
    void apply();

signals:
    void languageChanged(const QString &language);

private:
    void removeTranslators();

    Settings *m_settings = nullptr;
    std::unique_ptr<QTranslator> m_appTranslator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    QString m_current;
};

} // namespace TwinBridge
