#pragma once

#include "services/core/ServiceError.h"

namespace TwinBridge {

// twinbridged's exit codes (documented in --help and docs/twinbridged.md), from sysexits.h where one fits. The
// engine run and the deploy, update and uninstall commands share them.
enum TwinbridgedExitCode {
    ExitOk = 0,
    ExitUsage = 64, // EX_USAGE: bad command line, or a change was not confirmed
    ExitNoInput = 66, // EX_NOINPUT: the profile file or sandbox.json does not exist or cannot be read
    ExitUnavailable = 69, // EX_UNAVAILABLE: the engine could not start / Azure refused or failed the change
    ExitConfig = 78, // EX_CONFIG: the configuration is invalid or a secret is missing
    ExitInterrupted = 130, // a second SIGINT/SIGTERM while draining; deploy: canceled by SIGINT/SIGTERM
};

inline int exitCodeFor(const ServiceError &error)
{
    switch (error.kind()) {
    case ServiceError::Kind::NotFound:
        return ExitNoInput;
    case ServiceError::Kind::InvalidInput:
    case ServiceError::Kind::NotConfigured:
    case ServiceError::Kind::Tls:
        return ExitConfig;
    default:
        return ExitUnavailable;
    }
}

} // namespace TwinBridge
