#include "sandbox/tts/TtsStandIn.h"

#include "sandbox/admin/TtsAdminApi.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsRestEndpoint.h"

namespace TwinBridge::Sandbox {

class TtsStandIn::Private
{
public:
    Options options;
    TtsApplicationModel *model = nullptr;
    TtsRestEndpoint *rest = nullptr;
    TtsAdminApi *admin = nullptr;
    QString mqttHost;
    quint16 mqttPort = 0;
    quint16 mqttTlsPort = 0;
    bool running = false;
};

TtsStandIn::TtsStandIn(Options options, Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->options = std::move(options);
    d->model = new TtsApplicationModel(clock, d->options.seed, this);
    d->rest = new TtsRestEndpoint(d->model, this);
    d->admin = new TtsAdminApi(d->model, this);
}

TtsStandIn::~TtsStandIn()
{
    stop();
}

Status TtsStandIn::start()
{
    if (d->running)
        return Done {};
    if (Status loaded = d->model->setStateDirectory(d->options.stateDirectory); !loaded)
        return loaded;
    d->model->ensureDefaultApplication();
    if (Result<quint16> port = d->rest->listen(d->options.address, d->options.port); !port)
        return port.error();
    if (d->options.tls) {
        if (Result<quint16> port = d->rest->listenTls(*d->options.tls, d->options.address, d->options.tlsPort); !port) {
            d->rest->close();
            return port.error();
        }
    }
    d->running = true;
    return Done {};
}

void TtsStandIn::stop()
{
    if (!d->running)
        return;
    d->running = false;
    d->rest->close();
    d->model->saveNow();
}

void TtsStandIn::registerAdminRoutes(AdminRouter &router)
{
    d->admin->registerRoutes(router);
}

void TtsStandIn::setMqttBroker(const QString &host, quint16 port, quint16 tlsPort)
{
    d->mqttHost = host;
    d->mqttPort = port;
    d->mqttTlsPort = tlsPort;
    auto address = [&host](quint16 number) {
        return number == 0 ? QString() : host + QLatin1Char(':') + QString::number(number);
    };
    d->rest->setMqttAddresses(address(port), address(tlsPort));
}

TtsApplicationModel *TtsStandIn::model() const
{
    return d->model;
}

TtsRestEndpoint *TtsStandIn::rest() const
{
    return d->rest;
}

QJsonObject TtsStandIn::description() const
{
    QJsonObject tts {{QStringLiteral("api"), d->rest->apiUrl().toString()},
                     {QStringLiteral("applicationId"), QLatin1String(TtsApplicationModel::DefaultApplicationId)},
                     {QStringLiteral("tenantId"), QLatin1String(TtsApplicationModel::DefaultTenantId)}};
    if (d->rest->tlsPort() != 0)
        tts.insert(QStringLiteral("apiTls"), d->rest->tlsApiUrl().toString());
    if (const std::optional<TtsApiKey> key = d->model->defaultApiKey())
        tts.insert(QStringLiteral("apiKey"), key->token());
    if (d->mqttPort != 0) {
        tts.insert(QStringLiteral("mqtt"), QJsonObject {{QStringLiteral("host"), d->mqttHost},
                                                        {QStringLiteral("port"), d->mqttPort},
                                                        {QStringLiteral("tls"), false}});
    }
    return tts;
}

} // namespace TwinBridge::Sandbox
