#pragma once

#include <QString>

namespace TwinBridge {

// libmosquitto's process-wide state: mosquitto_lib_init() once, before the first client, and
// mosquitto_lib_cleanup() once when the process exits (a function-local static, so the first use from any
// thread initialises it exactly once). MosquittoClient calls ensureInitialized(); nothing else needs to.
//
// It also raises the soft limit on open files to the hard limit: libmosquitto 2.0 keeps a socket pair per
// client object besides its connection, so every client costs three descriptors and the engine's 10,000
// device connections need about 30,000 (the usual soft limit is 1024).
class MosquittoLibrary
{
public:
    static void ensureInitialized();
    // "2.0.11"
    static QString version();

    MosquittoLibrary(const MosquittoLibrary &) = delete;
    MosquittoLibrary &operator=(const MosquittoLibrary &) = delete;

private:
    MosquittoLibrary();
    ~MosquittoLibrary();
};

} // namespace TwinBridge
