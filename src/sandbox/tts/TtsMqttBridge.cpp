#include "sandbox/tts/TtsMqttBridge.h"

#include "sandbox/tts/MosquittoBroker.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/core/Logging.h"
#include "services/mqtt/MosquittoClient.h"
#include "services/protocol/TtsDownlink.h"
#include "services/protocol/TtsTopic.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace TwinBridge::Sandbox {

namespace {
const QString PushFilter = QStringLiteral("v3/+/devices/+/down/push");
const QString ReplaceFilter = QStringLiteral("v3/+/devices/+/down/replace");
} // namespace

TtsMqttBridge::Options TtsMqttBridge::forBroker(MosquittoBroker &broker)
{
    Options options;
    options.host = broker.host();
    options.port = broker.port();
    options.username = broker.internalUsername();
    options.password = broker.internalPassword();
    options.refresh = [source = QPointer<MosquittoBroker>(&broker)](Options &current) {
        if (!source || !source->isRunning())
            return;
        current.host = source->host();
        current.port = source->port();
        current.username = source->internalUsername();
        current.password = source->internalPassword();
    };
    return options;
}

TtsMqttBridge::TtsMqttBridge(TtsApplicationModel *model, VirtualDeviceFleet *fleet, Options options, Clock *clock,
                             QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_fleet(fleet)
    , m_options(std::move(options))
    , m_clock(clock)
{
    if (m_fleet) {
        connect(m_fleet, &VirtualDeviceFleet::applicationUp, this,
                [this](const QString &topic, const QJsonObject &message) {
                    publish(topic, QJsonDocument(message).toJson(QJsonDocument::Compact));
                });
    }
}

TtsMqttBridge::~TtsMqttBridge()
{
    m_started = false;
    if (m_client)
        m_client->disconnectFromHost();
}

Status TtsMqttBridge::start()
{
    if (m_started)
        return Done {};
    if (m_options.port == 0 || m_options.host.isEmpty() || m_options.username.isEmpty()) {
        return ServiceError::invalidInput(tr("The TTS MQTT bridge needs the broker's host, port and internal account."),
                                          QStringLiteral("InvalidBridgeOptions"));
    }
    m_started = true;
    if (!m_client) {
        m_client = new MosquittoClient(m_clock, this);
        connect(m_client, &MosquittoClient::connected, this, [this] {
            m_subscriptionsPending = 0;
            for (const QString &filter : {PushFilter, ReplaceFilter}) {
                if (const Result<int> mid = m_client->subscribe(filter, 0); mid.ok())
                    ++m_subscriptionsPending;
                else
                    qCWarning(lcSandbox).noquote()
                        << "TTS MQTT bridge: subscribing" << filter << "failed:" << mid.error().message();
            }
        });
        connect(m_client, &MosquittoClient::subscribed, this, [this](int, int grantedQos) {
            if (grantedQos == 128)
                qCWarning(lcSandbox) << "TTS MQTT bridge: the broker refused a subscription";
            if (--m_subscriptionsPending == 0) {
                m_ready = true;
                qCInfo(lcSandbox) << "TTS MQTT bridge ready on" << m_options.host << m_options.port;
                flush();
                emit ready();
            }
        });
        connect(m_client, &MosquittoClient::messageReceived, this,
                [this](const QString &topic, const QByteArray &payload, int, bool) {
                    handleDownlinkMessage(topic, payload);
                });
        const auto retry = [this] {
            m_ready = false;
            if (!m_started)
                return;
            m_clock->callAfter(m_options.reconnectDelay, this, [this] {
                if (m_started && m_client->state() == MosquittoClient::State::Disconnected)
                    connectNow();
            });
        };
        connect(m_client, &MosquittoClient::connectionFailed, this, [this, retry](const ServiceError &error) {
            qCWarning(lcSandbox).noquote() << "TTS MQTT bridge: connecting failed:" << error.message();
            retry();
        });
        connect(m_client, &MosquittoClient::disconnected, this, [this, retry](const ServiceError &reason) {
            if (reason.isError())
                qCWarning(lcSandbox).noquote() << "TTS MQTT bridge: connection lost:" << reason.message();
            retry();
        });
    }
    connectNow();
    return Done {};
}

void TtsMqttBridge::stop()
{
    m_started = false;
    m_ready = false;
    if (m_client)
        m_client->disconnectFromHost();
}

void TtsMqttBridge::connectNow()
{
    if (m_options.refresh)
        m_options.refresh(m_options);
    MosquittoClient::Options options;
    options.clientId = m_options.clientId;
    options.host = m_options.host;
    options.port = m_options.port;
    options.username = m_options.username;
    options.password = m_options.password;
    options.keepAliveSeconds = 30;
    if (Status status = m_client->connectToHost(options); !status)
        qCWarning(lcSandbox).noquote() << "TTS MQTT bridge:" << status.error().message();
}

void TtsMqttBridge::publish(const QString &topic, const QByteArray &payload)
{
    if (!m_ready) {
        if (m_pending.size() >= m_options.maxPending)
            m_pending.removeFirst();
        m_pending.append({topic, payload});
        return;
    }
    if (const Result<int> mid = m_client->publish(topic, payload, 0); !mid)
        qCWarning(lcSandbox).noquote() << "TTS MQTT bridge: publishing to" << topic
                                       << "failed:" << mid.error().message();
}

void TtsMqttBridge::flush()
{
    const auto pending = std::exchange(m_pending, {});
    for (const auto &message : pending)
        publish(message.first, message.second);
}

void TtsMqttBridge::handleDownlinkMessage(const QString &topic, const QByteArray &payload)
{
    const auto reject = [this, &topic](const QString &reason) {
        qCInfo(lcSandbox).noquote() << "TTS MQTT: ignored a downlink publish on" << topic << "-" << reason;
        emit downlinkRequestRejected(topic, reason);
    };
    if (!m_model) {
        reject(QStringLiteral("no model"));
        return;
    }
    const Result<TtsTopic> parsed = TtsTopic::parse(topic);
    if (!parsed ||
        (parsed.value().kind != TtsTopic::Kind::DownlinkPush &&
         parsed.value().kind != TtsTopic::Kind::DownlinkReplace)) {
        reject(QStringLiteral("not a down/push or down/replace topic"));
        return;
    }
    const TtsTopic &target = parsed.value();
    const auto application = m_model->application(target.applicationId);
    if (!application || application->tenantId != target.tenantId) {
        reject(QStringLiteral("unknown application %1").arg(target.uid()));
        return;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        reject(QStringLiteral("the body is not an ApplicationDownlinks JSON object"));
        return;
    }
    // Unmarshalling (types, base64) first: what TTS cannot even decode is only logged.
    const Result<QList<TtsDownlink>> downlinks = TtsDownlink::fromQueue(document.object());
    if (!downlinks) {
        reject(downlinks.error().message());
        return;
    }
    if (!m_model->hasEntry(target.applicationId, target.deviceId, TtsComponent::ApplicationServer)) {
        reject(QStringLiteral("device %1 not found in the Application Server").arg(target.deviceId));
        return;
    }
    const bool replace = target.kind == TtsTopic::Kind::DownlinkReplace;
    const auto result = replace ? m_model->replaceDownlinks(target.applicationId, target.deviceId, document.object())
                                : m_model->pushDownlinks(target.applicationId, target.deviceId, document.object());
    if (!result) {
        reject(result.error().message());
        if (m_fleet)
            m_fleet->publishRejected(target.applicationId, target.deviceId, downlinks.value(), result.error());
    }
}

} // namespace TwinBridge::Sandbox
