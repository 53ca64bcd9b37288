#include "views/ColorScheme.h"

#include "services/core/Logging.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStyle>

#include <optional>

namespace TwinBridge {

namespace {

std::optional<QPalette> g_platformPalette;

bool themeNameIsDark(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    return lower.endsWith(QLatin1String(":dark")) || lower.endsWith(QLatin1String("-dark")) ||
        lower.endsWith(QLatin1String("_dark")) || lower == QLatin1String("dark");
}

// The value of `key` in a GTK settings.ini ([Settings] section; later lines win).
QString gtkSetting(const QString &text, const QString &key)
{
    QString value;
    static const QRegularExpression line(QStringLiteral("^\\s*([A-Za-z0-9-]+)\\s*=\\s*(.*?)\\s*$"),
                                         QRegularExpression::MultilineOption);
    auto it = line.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.captured(1) == key)
            value = match.captured(2);
    }
    return value;
}

} // namespace

ColorScheme::Choice ColorScheme::choiceFromString(const QString &text)
{
    if (text == QLatin1String("light"))
        return Choice::Light;
    if (text == QLatin1String("dark"))
        return Choice::Dark;
    return Choice::System;
}

QString ColorScheme::toString(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

bool ColorScheme::prefersDark(const QPalette &platformPalette, const QProcessEnvironment &environment,
                              const QString &gtkSettingsText)
{
    const QString gtkTheme = environment.value(QStringLiteral("GTK_THEME"));
    if (!gtkTheme.isEmpty())
        return themeNameIsDark(gtkTheme);
    const QString preferDark = gtkSetting(gtkSettingsText, QStringLiteral("gtk-application-prefer-dark-theme"));
    if (preferDark == QLatin1String("1") || preferDark.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return true;
    const QString themeName = gtkSetting(gtkSettingsText, QStringLiteral("gtk-theme-name"));
    if (!themeName.isEmpty() && themeNameIsDark(themeName))
        return true;
    return isDark(platformPalette);
}

bool ColorScheme::systemPrefersDark()
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString configHome = environment.value(QStringLiteral("XDG_CONFIG_HOME"));
    if (configHome.isEmpty())
        configHome = QDir::home().filePath(QStringLiteral(".config"));
    QString gtkSettings;
    for (const char *folder : {"gtk-4.0", "gtk-3.0"}) {
        QFile file(QDir(configHome).filePath(QLatin1String(folder) + QStringLiteral("/settings.ini")));
        if (file.open(QIODevice::ReadOnly)) {
            gtkSettings = QString::fromUtf8(file.readAll());
            break;
        }
    }
    return prefersDark(platformPalette(), environment, gtkSettings);
}

QPalette ColorScheme::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    const QColor highlight(0x2f, 0x65, 0xca);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4c));
    palette.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x41));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x25, 0x28));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    palette.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xa6, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, disabledText);
    }
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x47, 0x4b));
    return palette;
}

QPalette ColorScheme::lightPalette()
{
    const QPalette platform = platformPalette();
    if (!isDark(platform))
        return platform;
    return QApplication::style() ? QApplication::style()->standardPalette() : QPalette(QColor(0xef, 0xef, 0xef));
}

bool ColorScheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QPalette ColorScheme::platformPalette()
{
    if (!g_platformPalette)
        g_platformPalette = QApplication::palette();
    return *g_platformPalette;
}

bool ColorScheme::apply(Choice choice)
{
    platformPalette(); // remember it before the first change
    bool dark = false;
    switch (choice) {
    case Choice::Dark:
        dark = true;
        break;
    case Choice::Light:
        dark = false;
        break;
    case Choice::System:
        dark = systemPrefersDark();
        break;
    }
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
    qCDebug(lcUi) << "color scheme" << toString(choice) << (dark ? "dark" : "light");
    return dark;
}

QColor ColorScheme::errorColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c);
}

QColor ColorScheme::statusColor(ConnectionCheck::Status status, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (status) {
    case ConnectionCheck::Status::Passed:
        return dark ? QColor(0x5c, 0xd6, 0x7a) : QColor(0x1e, 0x8e, 0x3e);
    case ConnectionCheck::Status::Warning:
        return dark ? QColor(0xff, 0xc8, 0x4d) : QColor(0xb2, 0x6b, 0x00);
    case ConnectionCheck::Status::Failed:
        return errorColor(palette);
    case ConnectionCheck::Status::Running:
        return dark ? QColor(0x6c, 0xa6, 0xff) : QColor(0x1a, 0x5f, 0xb4);
    case ConnectionCheck::Status::Pending:
    case ConnectionCheck::Status::Skipped:
        break;
    }
    return palette.color(QPalette::Disabled, QPalette::WindowText);
}

} // namespace TwinBridge
