#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace TwinBridge {

// The property bag at the end of an IoT Hub MQTT topic (D2C `…/messages/events/{bag}`, C2D
// `…/messages/devicebound/{bag}`, and the `?$rid=…&$version=…` of the twin and method topics):
// `name=value&name2=value2`, each name and value percent-encoded. See reference/azure-protocols.md §1.6, §1.7.
//
// Names are kept decoded, so `%24.mid` and `$.mid` are the same key. A property whose value is null is
// written as a bare `name`, an empty one as `name=`. Names are case-sensitive. The order is kept.
class MessagePropertyBag
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::MessagePropertyBag)

public:
    struct Property
    {
        QString name; // decoded
        std::optional<QString> value; // decoded; nullopt = null (bare name on the wire)
        bool operator==(const Property &other) const = default;
    };

    // System property keys (`$.` prefix) as the SDKs put them on the wire (decoded form).
    static constexpr char MessageId[] = "$.mid";
    static constexpr char CorrelationId[] = "$.cid";
    static constexpr char UserId[] = "$.uid";
    static constexpr char To[] = "$.to";
    static constexpr char AbsoluteExpiryTime[] = "$.exp";
    static constexpr char ContentType[] = "$.ct";
    static constexpr char ContentEncoding[] = "$.ce";
    static constexpr char CreationTimeUtc[] = "$.ctime";
    static constexpr char OutputName[] = "$.on";
    static constexpr char InterfaceId[] = "$.ifid";
    static constexpr char ComponentName[] = "$.sub";
    static constexpr char MessageSchema[] = "$.schema";
    static constexpr char DiagnosticId[] = "$.diagid";
    static constexpr char DiagnosticContext[] = "$.diagctx";
    static constexpr char ConnectionDeviceId[] = "$.cdid";
    static constexpr char ConnectionModuleId[] = "$.cmid";

    // The keys above, in that order.
    static const QStringList &knownSystemProperties();
    static bool isSystemProperty(QStringView name) { return name.startsWith(QLatin1String("$.")); }

    MessagePropertyBag() = default;

    // Parses the encoded bag. Tolerates what the SDKs send: a leading `?`, one trailing `/` (C#), `%24.` or
    // `$.`, either hex case (C uses lower case). Rejects empty names, `&&`, a stray `/`, bad %-escapes, names
    // that appear twice (after decoding) — each with an InvalidInput error naming the part.
    static Result<MessagePropertyBag> parse(QStringView encoded);

    // The encoded bag (no leading `?`, no trailing `/`): upper-case hex, `$` as %24 like every SDK sends it.
    QString toString() const;

    // Sets (replacing in place) or appends a property. An empty name is ignored.
    void set(const QString &name, const std::optional<QString> &value);
    void setNull(const QString &name) { set(name, std::nullopt); }
    void remove(const QString &name);
    bool contains(const QString &name) const;
    // The value; nullopt if the property is missing or null (use contains() to tell them apart).
    std::optional<QString> value(const QString &name) const;

    const QList<Property> &properties() const { return m_properties; }
    QList<Property> systemProperties() const;
    QList<Property> applicationProperties() const;
    bool isEmpty() const { return m_properties.isEmpty(); }
    qsizetype size() const { return m_properties.size(); }

    bool operator==(const MessagePropertyBag &other) const = default;

private:
    QList<Property> m_properties;
};

} // namespace TwinBridge
