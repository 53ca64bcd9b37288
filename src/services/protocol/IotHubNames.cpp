#include "services/protocol/IotHubNames.h"

#include <algorithm>

namespace TwinBridge {

namespace {

bool isDeviceIdCharacter(QChar c)
{
    if (c.unicode() > 0x7f)
        return false;
    const char ascii = c.toLatin1();
    if ((ascii >= 'a' && ascii <= 'z') || (ascii >= 'A' && ascii <= 'Z') || (ascii >= '0' && ascii <= '9'))
        return true;
    return QLatin1String("-:.+%_#*?!(),=@;$'").contains(QLatin1Char(ascii));
}

bool isLabelCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-';
}

} // namespace

bool IotHubNames::isValidDeviceId(QStringView id)
{
    if (id.isEmpty() || id.size() > MaxDeviceIdLength)
        return false;
    return std::all_of(id.begin(), id.end(), isDeviceIdCharacter);
}

bool IotHubNames::isValidHostName(QStringView host, bool requireDomain)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    qsizetype labels = 0;
    for (QStringView label : host.split(QLatin1Char('.'))) {
        if (label.isEmpty() || label.size() > 63)
            return false;
        if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
            return false;
        if (!std::all_of(label.begin(), label.end(), isLabelCharacter))
            return false;
        ++labels;
    }
    return labels >= (requireDomain ? 2 : 1);
}

Status IotHubNames::checkDeviceId(const QString &id, const QString &what)
{
    if (id.isEmpty())
        return ServiceError::invalidInput(tr("The %1 is empty.").arg(what), QStringLiteral("InvalidDeviceId"));
    if (id.size() > MaxDeviceIdLength) {
        return ServiceError::invalidInput(
            tr("The %1 has %2 characters; IoT Hub allows at most %3.").arg(what).arg(id.size()).arg(MaxDeviceIdLength),
            QStringLiteral("InvalidDeviceId"));
    }
    for (const QChar c : id) {
        if (!isDeviceIdCharacter(c)) {
            const QString shown = c.isPrint() ? QStringLiteral("'%1'").arg(c)
                                              : QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            return ServiceError::invalidInput(
                tr("The %1 \"%2\" contains %3; IoT Hub allows only ASCII letters, digits and "
                   "- : . + % _ # * ? ! ( ) , = @ ; $ '.")
                    .arg(what, id.left(64), shown),
                QStringLiteral("InvalidDeviceId"));
        }
    }
    return Done {};
}

Status IotHubNames::checkHostName(const QString &host, const QString &what, bool requireDomain)
{
    if (isValidHostName(host, requireDomain))
        return Done {};
    if (host.isEmpty())
        return ServiceError::invalidInput(tr("The %1 is empty.").arg(what), QStringLiteral("InvalidHostName"));
    return ServiceError::invalidInput(
        tr("The %1 \"%2\" is not a host name: use a DNS name such as myhub.azure-devices.net "
           "(letters, digits, '-' and dots, no scheme, path or spaces).")
            .arg(what, host.left(100)),
        QStringLiteral("InvalidHostName"));
}

} // namespace TwinBridge
