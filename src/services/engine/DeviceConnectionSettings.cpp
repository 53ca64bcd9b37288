#include "services/engine/DeviceConnectionSettings.h"

#include "services/settings/ConnectionProfile.h"

#include <QFile>
#include <QSslCertificate>

namespace TwinBridge {

Result<QSslConfiguration> DeviceConnectionSettings::tlsConfiguration(const QString &caCertificateFile)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!caCertificateFile.isEmpty()) {
        QFile file(caCertificateFile);
        if (!file.open(QIODevice::ReadOnly))
            return ServiceError::notConfigured(
                tr("The CA certificate file %1 cannot be read (%2). Check the profile's TLS settings.")
                    .arg(caCertificateFile, file.errorString()));
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (certificates.isEmpty())
            return ServiceError::notConfigured(
                tr("The CA certificate file %1 holds no PEM certificate. Choose a PEM file in the profile's TLS "
                   "settings.")
                    .arg(caCertificateFile));
        configuration.addCaCertificates(certificates);
    }
    return configuration;
}

Result<DeviceConnectionSettings> DeviceConnectionSettings::fromProfile(const ConnectionProfile &profile,
                                                                       const QByteArray &policyKey)
{
    if (profile.iotHub.hostName.isEmpty())
        return ServiceError::notConfigured(
            tr("The profile has no IoT Hub host name. Deploy the hub or enter its host name in the profile."));
    if (profile.iotHub.policyName.isEmpty())
        return ServiceError::notConfigured(
            tr("The profile has no IoT Hub access policy name. Enter the policy whose key signs device tokens."));
    if (policyKey.isEmpty())
        return ServiceError::notConfigured(
            tr("The key of the IoT Hub access policy %1 is missing. Store it in the profile's secrets.")
                .arg(profile.iotHub.policyName));
    if (profile.iotHub.mqttPort <= 0 || profile.iotHub.mqttPort > 65535)
        return ServiceError::notConfigured(
            tr("The IoT Hub MQTT port %1 is invalid. Enter a port between 1 and 65535.").arg(profile.iotHub.mqttPort));
    Result<QSslConfiguration> ssl = tlsConfiguration(profile.tls.caCertificateFile);
    if (!ssl.ok())
        return ssl.error();
    DeviceConnectionSettings settings;
    settings.hubHostName = profile.iotHub.hostName;
    settings.connectHost = profile.effectiveIotHubMqttHost();
    settings.connectPort = quint16(profile.iotHub.mqttPort);
    settings.policyName = profile.iotHub.policyName;
    settings.policyKey = policyKey;
    settings.ssl = ssl.value();
    return settings;
}

} // namespace TwinBridge
