#include "services/iothub/DeviceAuthentication.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"

#include <QCoreApplication>

namespace TwinBridge {

namespace {

constexpr QLatin1String TypeKey("type");
constexpr QLatin1String SymmetricKeyKey("symmetricKey");
constexpr QLatin1String PrimaryKeyKey("primaryKey");
constexpr QLatin1String SecondaryKeyKey("secondaryKey");
constexpr QLatin1String ThumbprintKey("x509Thumbprint");
constexpr QLatin1String PrimaryThumbprintKey("primaryThumbprint");
constexpr QLatin1String SecondaryThumbprintKey("secondaryThumbprint");

} // namespace

QString DeviceAuthentication::typeName(Type type)
{
    switch (type) {
    case Type::Sas:
        return QStringLiteral("sas");
    case Type::SelfSigned:
        return QStringLiteral("selfSigned");
    case Type::CertificateAuthority:
        return QStringLiteral("certificateAuthority");
    case Type::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("sas");
}

std::optional<DeviceAuthentication::Type> DeviceAuthentication::parseType(const QString &name)
{
    for (Type type : {Type::Sas, Type::SelfSigned, Type::CertificateAuthority, Type::None}) {
        if (name.compare(typeName(type), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

QJsonObject DeviceAuthentication::toJson() const
{
    QJsonObject object;
    object.insert(TypeKey, typeName(type));
    if (type == Type::Sas) {
        object.insert(SymmetricKeyKey,
                      QJsonObject {{PrimaryKeyKey, JsonFieldWriter::stringOrNull(primaryKey)},
                                   {SecondaryKeyKey, JsonFieldWriter::stringOrNull(secondaryKey)}});
    }
    object.insert(ThumbprintKey,
                  QJsonObject {{PrimaryThumbprintKey, JsonFieldWriter::stringOrNull(primaryThumbprint)},
                               {SecondaryThumbprintKey, JsonFieldWriter::stringOrNull(secondaryThumbprint)}});
    return object;
}

DeviceAuthentication DeviceAuthentication::read(JsonFieldReader &reader)
{
    DeviceAuthentication result;
    JsonFieldReader keys = reader.child(SymmetricKeyKey);
    result.primaryKey = keys.string(PrimaryKeyKey);
    result.secondaryKey = keys.string(SecondaryKeyKey);
    JsonFieldReader thumbprints = reader.child(ThumbprintKey);
    result.primaryThumbprint = thumbprints.string(PrimaryThumbprintKey);
    result.secondaryThumbprint = thumbprints.string(SecondaryThumbprintKey);
    const QString type = reader.string(TypeKey);
    if (type.isEmpty()) {
        const bool hasThumbprints = !result.primaryThumbprint.isEmpty() || !result.secondaryThumbprint.isEmpty();
        result.type = hasThumbprints ? Type::SelfSigned : Type::Sas;
    } else if (const auto parsed = parseType(type)) {
        result.type = *parsed;
    } else {
        reader.fail(reader.memberPath(TypeKey),
                    QCoreApplication::translate("TwinBridge::DeviceAuthentication",
                                                "must be one of \"sas\", \"selfSigned\", "
                                                "\"certificateAuthority\" or \"none\"."));
    }
    return result;
}

Result<DeviceAuthentication> DeviceAuthentication::fromJson(const QJsonObject &object)
{
    JsonFieldReader reader(object,
                           {.errorCode = QStringLiteral("InvalidJsonField"),
                            .errorContext = QCoreApplication::translate("TwinBridge::DeviceAuthentication",
                                                                        "The device authentication is not valid.")});
    DeviceAuthentication result = read(reader);
    if (!reader.ok())
        return reader.error();
    return result;
}

} // namespace TwinBridge
