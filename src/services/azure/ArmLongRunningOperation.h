#pragma once

#include "services/core/Clock.h"
#include "services/core/Futures.h"
#include "services/core/Result.h"
#include "services/net/HttpTransport.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace TwinBridge {

// Follows one Azure Resource Manager long-running operation to its end (azure-protocols.md §5.2 [S-ASYNC]):
//  - Azure-AsyncOperation header (preferred): GET it until {"status"} is Succeeded | Failed | Canceled, then
//    fetch the result (the resource for a PUT, else the Location, else the status body);
//  - else Location: GET it while it answers 202, the 200/201/204 answer is the result;
//  - else, for a PUT whose body is not yet in a terminal provisioningState: GET the resource until it is.
// Each wait honours Retry-After and otherwise uses the default interval, on the injected Clock. cancel() (or
// canceling the future) stops polling; it does not cancel the operation in Azure.
class ArmLongRunningOperation : public QObject
{
    Q_OBJECT

public:
    // Sends an authorized GET (relative URLs resolved against the management endpoint, foreign hosts refused).
    using Poller = std::function<QFuture<Result<HttpResponse>>(const QUrl &url)>;
    // From a resource body: nullopt while still running, else the outcome.
    using ResourceCheck = std::function<std::optional<Result<QJsonObject>>(const QJsonObject &body)>;

    struct Options
    {
        QString operation; // "delete resource group rg1", for error sentences
        QUrl resourceUrl; // PUT: the resource, fetched at the end and polled when no header is given
        std::chrono::milliseconds defaultInterval {5000};
        ResourceCheck resourceCheck; // default: properties.provisioningState, Failed/Canceled become errors
        int maxPolls = 0; // 0: poll until done or canceled
    };

    ArmLongRunningOperation(Poller poller, Clock *clock, Options options, QObject *parent = nullptr);
    ~ArmLongRunningOperation() override;

    // Starts following the operation `initial` started. The result is the final body ({} for 204).
    QFuture<Result<QJsonObject>> start(const HttpResponse &initial);
    void cancel();

    QString status() const { return m_status; }
    int pollCount() const { return m_polls; }

    // The default resource check: properties.provisioningState terminal → body or error.
    static std::optional<Result<QJsonObject>> provisioningStateCheck(const QJsonObject &body, const QString &operation);

signals:
    void statusChanged(const QString &status);
    void pollScheduled(std::chrono::milliseconds delay);
    void finished();

private:
    enum class Mode { AsyncOperation, Location, Resource };

    void schedule(const HttpResponse &last);
    void poll();
    void onAsyncOperationAnswer(const HttpResponse &response);
    void onLocationAnswer(const HttpResponse &response);
    void onResourceAnswer(const HttpResponse &response);
    void fetchFinal(const QUrl &url);
    void setStatus(const QString &status);
    void finish(Result<QJsonObject> result);
    ServiceError failedStatusError(const QJsonObject &body, const QString &status) const;
    ServiceError httpError(const HttpResponse &response) const;

    Poller m_poller;
    Clock *m_clock;
    Options m_options;
    Mode m_mode = Mode::Location;
    QUrl m_asyncUrl;
    QUrl m_locationUrl;
    QString m_status;
    int m_polls = 0;
    bool m_done = false;
    Futures::SharedPromise<Result<QJsonObject>> m_promise;
    QFutureWatcher<Result<QJsonObject>> m_watcher;
};

} // namespace TwinBridge
