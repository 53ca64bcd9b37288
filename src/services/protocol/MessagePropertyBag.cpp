#include "services/protocol/MessagePropertyBag.h"

#include "services/protocol/PercentEncoding.h"

#include <QSet>

#include <algorithm>

namespace TwinBridge {

namespace {

ServiceError malformed(const QString &why)
{
    return ServiceError::invalidInput(MessagePropertyBag::tr("The message property list is malformed: %1").arg(why),
                                      QStringLiteral("MalformedPropertyBag"));
}

} // namespace

const QStringList &MessagePropertyBag::knownSystemProperties()
{
    static const QStringList keys = {
        QLatin1String(MessageId),
        QLatin1String(CorrelationId),
        QLatin1String(UserId),
        QLatin1String(To),
        QLatin1String(AbsoluteExpiryTime),
        QLatin1String(ContentType),
        QLatin1String(ContentEncoding),
        QLatin1String(CreationTimeUtc),
        QLatin1String(OutputName),
        QLatin1String(InterfaceId),
        QLatin1String(ComponentName),
        QLatin1String(MessageSchema),
        QLatin1String(DiagnosticId),
        QLatin1String(DiagnosticContext),
        QLatin1String(ConnectionDeviceId),
        QLatin1String(ConnectionModuleId),
    };
    return keys;
}

Result<MessagePropertyBag> MessagePropertyBag::parse(QStringView encoded)
{
    QStringView bag = encoded;
    if (bag.startsWith(QLatin1Char('?')))
        bag = bag.mid(1);
    if (bag.endsWith(QLatin1Char('/')))
        bag.chop(1); // the C# SDK appends a '/' after the bag
    MessagePropertyBag result;
    if (bag.isEmpty())
        return result;
    if (bag.contains(QLatin1Char('/')))
        return malformed(tr("it contains a '/' that is not percent-encoded (%2F)."));

    QSet<QString> seen;
    qsizetype position = 1;
    for (QStringView part : bag.split(QLatin1Char('&'))) {
        if (part.isEmpty())
            return malformed(tr("property %1 is empty (\"&&\", or '&' at the start or end).").arg(position));
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        const QStringView encodedName = equals < 0 ? part : part.left(equals);
        if (encodedName.isEmpty())
            return malformed(tr("property %1 has a value but no name.").arg(position));
        const std::optional<QString> name = PercentEncoding::decode(encodedName);
        if (!name)
            return malformed(tr("the name of property %1 has an invalid %-escape or is not UTF-8.").arg(position));
        if (name->isEmpty())
            return malformed(tr("property %1 has an empty name.").arg(position));
        Property property {*name, std::nullopt};
        if (equals >= 0) {
            property.value = PercentEncoding::decode(part.mid(equals + 1));
            if (!property.value)
                return malformed(
                    tr("the value of property \"%1\" has an invalid %-escape or is not UTF-8.").arg(name->left(64)));
        }
        if (seen.contains(*name))
            return malformed(tr("the property \"%1\" appears twice.").arg(name->left(64)));
        seen.insert(*name);
        result.m_properties.append(std::move(property));
        ++position;
    }
    return result;
}

QString MessagePropertyBag::toString() const
{
    QString result;
    for (const Property &property : m_properties) {
        if (!result.isEmpty())
            result.append(QLatin1Char('&'));
        result.append(PercentEncoding::encode(property.name));
        if (property.value) {
            result.append(QLatin1Char('='));
            result.append(PercentEncoding::encode(*property.value));
        }
    }
    return result;
}

void MessagePropertyBag::set(const QString &name, const std::optional<QString> &value)
{
    if (name.isEmpty())
        return;
    for (Property &property : m_properties) {
        if (property.name == name) {
            property.value = value;
            return;
        }
    }
    m_properties.append(Property {name, value});
}

void MessagePropertyBag::remove(const QString &name)
{
    m_properties.removeIf([&name](const Property &property) { return property.name == name; });
}

bool MessagePropertyBag::contains(const QString &name) const
{
    return std::any_of(m_properties.cbegin(), m_properties.cend(),
                       [&name](const Property &property) { return property.name == name; });
}

std::optional<QString> MessagePropertyBag::value(const QString &name) const
{
    for (const Property &property : m_properties) {
        if (property.name == name)
            return property.value;
    }
    return std::nullopt;
}

QList<MessagePropertyBag::Property> MessagePropertyBag::systemProperties() const
{
    QList<Property> result;
    for (const Property &property : m_properties) {
        if (isSystemProperty(property.name))
            result.append(property);
    }
    return result;
}

QList<MessagePropertyBag::Property> MessagePropertyBag::applicationProperties() const
{
    QList<Property> result;
    for (const Property &property : m_properties) {
        if (!isSystemProperty(property.name))
            result.append(property);
    }
    return result;
}

} // namespace TwinBridge
