#pragma once

#include <QLoggingCategory>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace TwinBridge::Test {

// Collects every log line, "<category>: <message>", from construction to destruction, with the categories
// `filterRules` turns on (debug output included). For the tests that prove no secret reaches a log. One at a
// time; the destructor puts the previous message handler back and resets the filter rules.
class LogCapture
{
public:
    explicit LogCapture(const QString &filterRules = QStringLiteral("twinbridge.*=true"))
    {
        Q_ASSERT(!s_active);
        s_active = this;
        QLoggingCategory::setFilterRules(filterRules);
        m_previous = qInstallMessageHandler(&LogCapture::handle);
    }

    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules(QString());
        s_active = nullptr;
    }

    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    const QStringList &lines() const { return m_lines; }

private:
    static void handle(QtMsgType, const QMessageLogContext &context, const QString &message)
    {
        if (s_active)
            s_active->m_lines.append(QLatin1String(context.category ? context.category : "default") +
                                     QLatin1String(": ") + message);
    }

    static inline LogCapture *s_active = nullptr;
    QtMessageHandler m_previous = nullptr;
    QStringList m_lines;
};

} // namespace TwinBridge::Test
