#pragma once

#include "services/iothub/DeviceStatistics.h"
#include "services/iothub/QueryPage.h"
#include "services/mirror/MirrorSnapshot.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

namespace TwinBridge {

class IotHubServiceClient;
class TtsClient;

// Loads both sides of the device mirror at once, page by page: TTS end devices (GET …/devices, pages of
// TtsPageSize, the total from X-Total-Count) and the hub's twins ("SELECT * FROM devices", pages of
// HubPageSize followed by x-ms-continuation, the total from GET /statistics/devices). Reports progress per side
// as pages arrive; cancel() aborts the requests in flight and finishes with a canceled snapshot. Either client
// may be nullptr (that side is then not loaded and its error says why, when one is given).
class MirrorLoader : public QObject
{
    Q_OBJECT

public:
    static constexpr int TtsPageSize = 500;
    static constexpr int HubPageSize = 1000;
    // The IS fields the mirror shows (ids are always sent).
    static QStringList ttsFields();
    static QString hubQuery();

    explicit MirrorLoader(QObject *parent = nullptr);
    ~MirrorLoader() override;

    // Starts a load (a load still running is canceled first). `ttsMissing` / `hubMissing` explain a nullptr
    // client in the snapshot.
    void start(TtsClient *tts, IotHubServiceClient *hub, const ServiceError &ttsMissing = {},
               const ServiceError &hubMissing = {});
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    // -1 for a total not known (yet).
    void progress(int ttsLoaded, int ttsTotal, int hubLoaded, int hubTotal);
    void finished(const TwinBridge::MirrorSnapshot &snapshot);

private:
    void sideDone();
    void abortRequests();
    void emitProgress();

    quint64 m_generation = 0;
    bool m_running = false;
    int m_sidesLeft = 0;
    MirrorSnapshot m_snapshot;
    QFuture<Result<QList<TtsEndDevice>>> m_ttsFuture;
    QFuture<Result<QueryPage>> m_hubFuture;
    QFuture<Result<DeviceStatistics>> m_statsFuture;
    int m_ttsLoaded = 0;
    int m_ttsTotal = -1;
    int m_hubLoaded = 0;
    int m_hubTotal = -1;
};

} // namespace TwinBridge
