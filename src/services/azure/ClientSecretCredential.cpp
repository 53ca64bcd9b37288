#include "services/azure/ClientSecretCredential.h"

#include "services/azure/EntraTokenClient.h"
#include "services/core/Futures.h"

namespace TwinBridge {

ClientSecretCredential::ClientSecretCredential(const EntraAuthority &authority, const QString &clientSecret,
                                               QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : TokenCredential(clock, parent)
    , m_client(new EntraTokenClient(authority, nam, this->clock(), this))
    , m_clientSecret(clientSecret)
{ }

ClientSecretCredential::~ClientSecretCredential() = default;

QString ClientSecretCredential::displayName() const
{
    return tr("Service principal");
}

const EntraAuthority &ClientSecretCredential::authority() const
{
    return m_client->authority();
}

HttpTransport *ClientSecretCredential::transport() const
{
    return m_client->transport();
}

QFuture<Result<AccessToken>> ClientSecretCredential::acquireToken(const QStringList &scopes)
{
    const QString operation = tr("sign in to Azure as a service principal");
    const EntraAuthority &entra = m_client->authority();
    if (Status valid = entra.validate(); !valid) {
        ServiceError error = valid.error();
        error.setOperation(operation);
        return Futures::readyResult<AccessToken>(error);
    }
    if (entra.isMultiTenantAlias()) {
        ServiceError error = ServiceError::invalidInput(
            tr("A service principal must sign in to a specific tenant, not “%1”. Enter the tenant id (GUID) or "
               "domain in the profile.")
                .arg(entra.tenant));
        error.setOperation(operation);
        return Futures::readyResult<AccessToken>(error);
    }
    if (m_clientSecret.isEmpty()) {
        ServiceError error = ServiceError::notConfigured(
            tr("No client secret is stored for the service principal. Enter it in the profile."));
        error.setOperation(operation);
        return Futures::readyResult<AccessToken>(error);
    }

    const FormFields form {
        {QStringLiteral("client_id"), entra.clientId},
        {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))},
        {QStringLiteral("client_secret"), m_clientSecret},
        {QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
    };
    Clock *clock = this->clock();
    return m_client->requestToken(form, operation, {m_clientSecret}, true)
        .then(this, [clock, scopes](Result<EntraTokenResponse> response) -> Result<AccessToken> {
            if (!response)
                return response.error();
            AccessToken token;
            token.token = response.value().accessToken;
            token.expiresOn = clock->nowUtc().addSecs(response.value().expiresIn);
            token.scopes = scopes;
            return token;
        });
}

} // namespace TwinBridge
