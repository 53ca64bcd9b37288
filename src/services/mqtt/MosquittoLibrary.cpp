#include "services/mqtt/MosquittoLibrary.h"

#include "services/core/Logging.h"

#include <mosquitto.h>
#include <sys/resource.h>

namespace TwinBridge {

MosquittoLibrary::MosquittoLibrary()
{
    mosquitto_lib_init();
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        const rlim_t previous = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) == 0)
            qCDebug(lcMqtt) << "raised the open-file limit from" << previous << "to" << limit.rlim_cur;
    }
}

MosquittoLibrary::~MosquittoLibrary()
{
    mosquitto_lib_cleanup();
}

void MosquittoLibrary::ensureInitialized()
{
    static MosquittoLibrary library;
    Q_UNUSED(library);
}

QString MosquittoLibrary::version()
{
    int major = 0;
    int minor = 0;
    int revision = 0;
    mosquitto_lib_version(&major, &minor, &revision);
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(revision);
}

} // namespace TwinBridge
