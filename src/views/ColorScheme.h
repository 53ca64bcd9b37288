#pragma once

#include "services/diagnostics/ConnectionCheck.h"

#include <QPalette>
#include <QProcessEnvironment>
#include <QString>

namespace TwinBridge {

// The console's light and dark palettes and the choice between them (View → Color scheme: System, Light,
// Dark; Settings::Key::ColorScheme). Qt 6.4 has no QStyleHints::colorScheme(), so "System" is decided from what
// the desktop exposes, in this order: the GTK_THEME environment variable ("Adwaita:dark", "…-dark"), the GTK
// settings file (gtk-application-prefer-dark-theme, a gtk-theme-name ending in -dark), then the platform
// palette itself (a dark window colour). The decision is re-made when the desktop's theme changes.
class ColorScheme
{
public:
    enum class Choice { System, Light, Dark };

    static Choice choiceFromString(const QString &text); // unknown text = System
    static QString toString(Choice choice);

    // The decision for "System" from the three inputs (pure, for tests).
    static bool prefersDark(const QPalette &platformPalette, const QProcessEnvironment &environment,
                            const QString &gtkSettingsText);
    // The same with this desktop's inputs ($XDG_CONFIG_HOME/gtk-3.0/settings.ini or gtk-4.0).
    static bool systemPrefersDark();

    static QPalette darkPalette();
    static QPalette lightPalette();
    static bool isDark(const QPalette &palette);

    // Sets the application palette for `choice`; returns whether it is dark. The palette the platform gave
    // the application before the first call is kept as the base of "System".
    static bool apply(Choice choice);
    // The platform's own palette (before apply() changed anything).
    static QPalette platformPalette();
    // An error red that stays readable on the current palette's window colour.
    static QColor errorColor(const QPalette &palette);
    // Green, amber, red or blue for a check's or a connection's state, readable on `palette`; the disabled text
    // colour for pending and skipped.
    static QColor statusColor(ConnectionCheck::Status status, const QPalette &palette);
};

} // namespace TwinBridge
