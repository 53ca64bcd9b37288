#include "services/mirror/MirrorLoader.h"

#include "services/iothub/IotHubServiceClient.h"
#include "services/tts/TtsClient.h"

#include <QFutureWatcher>

namespace TwinBridge {

QStringList MirrorLoader::ttsFields()
{
    return {QStringLiteral("name"), QStringLiteral("last_seen_at")};
}

QString MirrorLoader::hubQuery()
{
    return QStringLiteral("SELECT * FROM devices");
}

MirrorLoader::MirrorLoader(QObject *parent)
    : QObject(parent)
{ }

MirrorLoader::~MirrorLoader()
{
    ++m_generation;
    abortRequests();
}

void MirrorLoader::abortRequests()
{
    // Only what still runs: a finished future has nothing to abort.
    if (!m_ttsFuture.isFinished())
        m_ttsFuture.cancel();
    if (!m_hubFuture.isFinished())
        m_hubFuture.cancel();
    if (!m_statsFuture.isFinished())
        m_statsFuture.cancel();
    m_ttsFuture = {};
    m_hubFuture = {};
    m_statsFuture = {};
}

void MirrorLoader::start(TtsClient *tts, IotHubServiceClient *hub, const ServiceError &ttsMissing,
                         const ServiceError &hubMissing)
{
    if (m_running)
        cancel();
    const quint64 generation = ++m_generation;
    m_running = true;
    m_snapshot = MirrorSnapshot();
    m_snapshot.ttsError = tts ? ServiceError() : ttsMissing;
    m_snapshot.hubError = hub ? ServiceError() : hubMissing;
    m_ttsLoaded = 0;
    m_hubLoaded = 0;
    m_ttsTotal = -1;
    m_hubTotal = -1;
    m_sidesLeft = (tts ? 1 : 0) + (hub ? 1 : 0);
    emitProgress();

    if (tts) {
        m_ttsFuture = tts->listAllDevices(ttsFields(), TtsPageSize, QStringLiteral("device_id"));
        auto *watcher = new QFutureWatcher<Result<QList<TtsEndDevice>>>(this);
        connect(watcher, &QFutureWatcherBase::progressRangeChanged, this, [this, generation](int, int maximum) {
            if (generation != m_generation)
                return;
            m_ttsTotal = maximum;
            emitProgress();
        });
        connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, generation](int value) {
            if (generation != m_generation)
                return;
            m_ttsLoaded = value;
            emitProgress();
        });
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            if (generation != m_generation)
                return;
            const QFuture<Result<QList<TtsEndDevice>>> future = watcher->future();
            if (future.isCanceled() || future.resultCount() == 0) {
                m_snapshot.ttsError = ServiceError::canceled(tr("list the TTS end devices"));
            } else if (Result<QList<TtsEndDevice>> devices = future.result(); devices) {
                m_ttsLoaded = int(devices.value().size());
                m_ttsTotal = m_ttsLoaded;
                m_snapshot.tts = devices.takeValue();
            } else {
                m_snapshot.ttsError = devices.error();
            }
            sideDone();
        });
        watcher->setFuture(m_ttsFuture);
    }

    if (hub) {
        // The total is only for the progress bar; a hub that cannot tell it still loads.
        m_statsFuture = hub->deviceStatistics();
        m_statsFuture.then(this, [this, generation](Result<DeviceStatistics> statistics) {
            if (generation != m_generation || !statistics || !m_running)
                return;
            m_hubTotal = int(std::max<qint64>(statistics.value().totalDeviceCount, m_hubLoaded));
            emitProgress();
        });
        m_hubFuture = hub->queryAll(hubQuery(), HubPageSize, [this, generation](qsizetype items, int) {
            if (generation != m_generation)
                return;
            m_hubLoaded = int(items);
            if (m_hubTotal >= 0 && m_hubTotal < m_hubLoaded)
                m_hubTotal = m_hubLoaded;
            emitProgress();
        });
        m_hubFuture
            .then(this,
                  [this, generation](Result<QueryPage> page) {
                      if (generation != m_generation)
                          return;
                      if (!page) {
                          m_snapshot.hubError = page.error();
                      } else if (Result<QList<DeviceTwin>> twins = page.value().twins(); twins) {
                          m_hubLoaded = int(twins.value().size());
                          m_hubTotal = m_hubLoaded;
                          m_snapshot.hub = twins.takeValue();
                      } else {
                          m_snapshot.hubError = twins.error();
                      }
                      sideDone();
                  })
            .onCanceled(this, [this, generation] {
                if (generation != m_generation)
                    return;
                m_snapshot.hubError = ServiceError::canceled(tr("query the IoT Hub devices"));
                sideDone();
            });
    }

    if (m_sidesLeft == 0) {
        // Nothing to load: finish on the next turn, like a real load.
        m_sidesLeft = 1;
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    sideDone();
            },
            Qt::QueuedConnection);
    }
}

void MirrorLoader::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    abortRequests();
    m_running = false;
    MirrorSnapshot snapshot;
    snapshot.canceled = true;
    snapshot.ttsError = ServiceError::canceled(tr("load the device mirror"));
    snapshot.hubError = snapshot.ttsError;
    emit finished(snapshot);
}

void MirrorLoader::sideDone()
{
    if (--m_sidesLeft > 0)
        return;
    m_running = false;
    emitProgress();
    emit finished(std::exchange(m_snapshot, MirrorSnapshot()));
}

void MirrorLoader::emitProgress()
{
    emit progress(m_ttsLoaded, m_ttsTotal, m_hubLoaded, m_hubTotal);
}

} // namespace TwinBridge
