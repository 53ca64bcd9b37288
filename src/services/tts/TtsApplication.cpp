#include "services/tts/TtsApplication.h"

#include "services/tts/TtsJsonReader.h"

#include <QCoreApplication>

namespace TwinBridge {

Result<TtsApplication> TtsApplication::fromJson(const QJsonObject &object)
{
    TtsJsonReader read(QCoreApplication::translate("TtsApplication", "application"));
    TtsApplication application;
    const QJsonObject ids = read.object(object, QStringLiteral("ids"), QStringLiteral("ids"));
    application.applicationId =
        read.string(ids, QStringLiteral("application_id"), QStringLiteral("ids.application_id"));
    application.name = read.string(object, QStringLiteral("name"), QStringLiteral("name"));
    application.description = read.string(object, QStringLiteral("description"), QStringLiteral("description"));
    application.attributes = read.stringMap(object, QStringLiteral("attributes"), QStringLiteral("attributes"));
    application.createdAt = read.timestamp(object, QStringLiteral("created_at"), QStringLiteral("created_at"));
    application.updatedAt = read.timestamp(object, QStringLiteral("updated_at"), QStringLiteral("updated_at"));
    application.networkServerAddress =
        read.string(object, QStringLiteral("network_server_address"), QStringLiteral("network_server_address"));
    application.applicationServerAddress =
        read.string(object, QStringLiteral("application_server_address"), QStringLiteral("application_server_address"));
    application.joinServerAddress =
        read.string(object, QStringLiteral("join_server_address"), QStringLiteral("join_server_address"));
    application.devEuiCounter =
        read.integer(object, QStringLiteral("dev_eui_counter"), QStringLiteral("dev_eui_counter"));
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
        object.insert(QStringLiteral("created_at"), TtsJsonReader::formatTimestamp(createdAt));
    if (updatedAt.isValid())
        object.insert(QStringLiteral("updated_at"), TtsJsonReader::formatTimestamp(updatedAt));
    insert("network_server_address", networkServerAddress);
    insert("application_server_address", applicationServerAddress);
    insert("join_server_address", joinServerAddress);
    if (devEuiCounter)
        object.insert(QStringLiteral("dev_eui_counter"), double(*devEuiCounter));
    return object;
}

} // namespace TwinBridge
