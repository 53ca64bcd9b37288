#pragma once

#include <cstdio>
#include <cstdlib>

// An invariant a fuzz target checks: on failure, print it and abort, so libFuzzer records the input as a
// crash and the standalone driver fails the smoke test. (Q_ASSERT is compiled out in release builds.)
#define FUZZ_CHECK(condition)                                                                         \
    do {                                                                                              \
        if (!(condition)) {                                                                           \
            std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                             \
        }                                                                                             \
    } while (false)
