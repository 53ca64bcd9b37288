#pragma once

class QCoreApplication;

namespace TwinBridge {

// Installs the embedded translation (":/i18n/twinbridge_<lang>.qm", from the twinbridge_translations
// target) and Qt's own for the system's UI languages, for the headless programs (the console uses
// views/LanguageManager, which also follows the language setting). Returns whether one was installed.
bool installSystemTranslator(QCoreApplication *application);

} // namespace TwinBridge
