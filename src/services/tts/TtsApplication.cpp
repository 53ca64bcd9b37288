#include "services/tts/TtsApplication.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"
#include "services/tts/TtsError.h"

#include <QCoreApplication>

namespace TwinBridge {

Result<TtsApplication> TtsApplication::fromJson(const QJsonObject &object)
{
    JsonFieldReader read(
        object,
        TtsError::jsonReaderOptions(QCoreApplication::translate("TwinBridge::TtsApplication", "an application")));
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
    JsonFieldWriter::insertIfSet(object, QStringLiteral("name"), name);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("description"), description);
    if (!attributes.isEmpty()) {
        QJsonObject map;
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
            map.insert(it.key(), it.value());
        object.insert(QStringLiteral("attributes"), map);
    }
    JsonFieldWriter::insertIfSet(object, QStringLiteral("created_at"), createdAt);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("updated_at"), updatedAt);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("network_server_address"), networkServerAddress);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("application_server_address"), applicationServerAddress);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("join_server_address"), joinServerAddress);
    if (devEuiCounter)
        object.insert(QStringLiteral("dev_eui_counter"), double(*devEuiCounter));
    return object;
}

} // namespace TwinBridge
