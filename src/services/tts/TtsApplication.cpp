#include "services/tts/TtsApplication.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsError.h"

#include <QCoreApplication>

namespace TwinBridge {

Result<TtsApplication> TtsApplication::fromJson(const QJsonObject &object)
{
    JsonFieldReader read(object,
                         TtsError::jsonReaderOptions(QCoreApplication::translate("TtsApplication", "an application")));
    TtsApplication application;
    application.applicationId = read.child(QStringLiteral("ids")).string(QStringLiteral("application_id"));
    application.name = read.string(QStringLiteral("name"));
    application.description = read.string(QStringLiteral("description"));
    application.attributes = read.stringMap(QStringLiteral("attributes"));
    application.createdAt = read.timestamp(QStringLiteral("created_at"));
    application.updatedAt = read.timestamp(QStringLiteral("updated_at"));
    application.networkServerAddress = read.string(QStringLiteral("network_server_address"));
    application.applicationServerAddress = read.string(QStringLiteral("application_server_address"));
    application.joinServerAddress = read.string(QStringLiteral("join_server_address"));
    application.devEuiCounter = read.optionalInteger(QStringLiteral("dev_eui_counter"));
    if (!read.ok())
        return read.error();
    return application;
}

QJsonObject TtsApplication::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("ids"), QJsonObject {{QStringLiteral("application_id"), applicationId}});
    auto insert = [&object](const char *key, const QString &value) {
        if (!value.isEmpty())
            object.insert(QLatin1String(key), value);
    };
    insert("name", name);
    insert("description", description);
    if (!attributes.isEmpty()) {
        QJsonObject map;
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
            map.insert(it.key(), it.value());
        object.insert(QStringLiteral("attributes"), map);
    }
    if (createdAt.isValid())
        object.insert(QStringLiteral("created_at"), JsonFieldReader::formatTimestamp(createdAt));
    if (updatedAt.isValid())
        object.insert(QStringLiteral("updated_at"), JsonFieldReader::formatTimestamp(updatedAt));
    insert("network_server_address", networkServerAddress);
    insert("application_server_address", applicationServerAddress);
    insert("join_server_address", joinServerAddress);
    if (devEuiCounter)
        object.insert(QStringLiteral("dev_eui_counter"), double(*devEuiCounter));
    return object;
}

} // namespace TwinBridge
