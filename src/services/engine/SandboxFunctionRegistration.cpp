#include "services/engine/SandboxFunctionRegistration.h"

#include "services/net/HttpTransport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace TwinBridge {

namespace {

QUrl routingUrl(const SandboxFunctionRegistration::Target &target)
{
    QUrl url = target.adminUrl;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/hubs/") + target.hubName + QStringLiteral("/routing"));
    return url;
}

ServiceError httpError(const HttpResponse &response, const QString &operation)
{
    if (!response.hasHttpStatus())
        return response.transportError(operation);
    const QJsonObject body = response.json().object();
    QString message = body.value(QLatin1String("message")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(response.body.left(300));
    ServiceError error(
        ServiceError::kindForHttpStatus(response.status),
        SandboxFunctionRegistration::tr("the sandbox's admin API answered %1: %2").arg(response.status).arg(message));
    error.setHttpStatus(response.status);
    error.setOperation(operation);
    return error;
}

} // namespace

QFuture<Status> SandboxFunctionRegistration::apply(HttpTransport *transport, const Target &target)
{
    const QString operation = tr("point the sandbox's Function of hub %1 at the ingest endpoint").arg(target.hubName);
    HttpRequest get;
    get.url = routingUrl(target);
    return transport->send(get)
        .then(transport,
              [transport, target, operation](HttpResponse response) {
                  if (!response.isHttpSuccess())
                      return QtFuture::makeReadyFuture(Status(httpError(response, operation)));
                  QJsonObject routing = response.json().object();
                  QJsonObject function = routing.value(QLatin1String("function")).toObject();
                  if (function.isEmpty()) {
                      ServiceError error(ServiceError::Kind::NotConfigured,
                                         tr("hub %1 of the sandbox has no Function configured; restore its routing "
                                            "(docs/sandbox.md) or start the sandbox with a fresh state directory.")
                                             .arg(target.hubName));
                      error.setOperation(operation);
                      return QtFuture::makeReadyFuture(Status(error));
                  }
                  QJsonObject settings = function.value(QLatin1String("appSettings")).toObject();
                  settings.insert(QStringLiteral("STACK_BASE_URL"), target.stackBaseUrl);
                  settings.insert(QStringLiteral("STACK_APPLICATION_ID"), target.applicationId);
                  settings.insert(QStringLiteral("STACK_API_KEY"), target.ingestKey);
                  function.insert(QStringLiteral("appSettings"), settings);
                  routing.insert(QStringLiteral("function"), function);
                  HttpRequest put;
                  put.method = "PUT";
                  put.url = routingUrl(target);
                  put.setHeader("Content-Type", "application/json");
                  put.body = QJsonDocument(routing).toJson(QJsonDocument::Compact);
                  return transport->send(put).then(transport, [operation](HttpResponse answer) {
                      if (!answer.isHttpSuccess())
                          return Status(httpError(answer, operation));
                      return Status(Done {});
                  });
              })
        .unwrap();
}

} // namespace TwinBridge
