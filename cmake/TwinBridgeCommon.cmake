# One INTERFACE target carries the language standard, warnings and Qt hygiene macros for every
# TwinBridge target (the qBittorrent `qbt_common_cfg` pattern).
add_library(twinbridge_common INTERFACE)
add_library(TwinBridge::common ALIAS twinbridge_common)

target_compile_features(twinbridge_common INTERFACE cxx_std_20)
target_compile_definitions(twinbridge_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
target_compile_options(twinbridge_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wformat=2 -Wimplicit-fallthrough)
if(TWINBRIDGE_WERROR)
    target_compile_options(twinbridge_common INTERFACE -Werror)
endif()
if(TWINBRIDGE_SANITIZE)
    target_compile_options(twinbridge_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(twinbridge_common INTERFACE -fsanitize=address,undefined)
endif()
target_include_directories(twinbridge_common INTERFACE
    "${PROJECT_SOURCE_DIR}/src"
    "${PROJECT_BINARY_DIR}/generated")

# twinbridge_add_test(<name> SOURCES ... [LIBS ...] [LABELS ...] [KEYRING] [GUI] [TIMEOUT s] [ENV ...])
# One executable per test class, registered with CTest. KEYRING runs the test inside a private D-Bus
# session with an unlocked gnome-keyring (the real Secret Service) and HOME in a temporary directory.
# GUI runs it with QT_QPA_PLATFORM=offscreen.
function(twinbridge_add_test name)
    cmake_parse_arguments(arg "KEYRING;GUI;NO_OFFSCREEN" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE twinbridge_common Qt6::Test ${arg_LIBS})
    set(command $<TARGET_FILE:${name}>)
    if(arg_KEYRING)
        set(command "${PROJECT_SOURCE_DIR}/tests/support/with-keyring.sh" $<TARGET_FILE:${name}>)
        list(APPEND arg_LABELS keyring)
    endif()
    add_test(NAME ${name} COMMAND ${command})
    # A fixed locale, so that texts and formats do not depend on the machine running the tests.
    set(env "QT_QPA_PLATFORM=offscreen" "QT_LOGGING_RULES=twinbridge.*.debug=true" "LC_ALL=C.UTF-8" "LANGUAGE="
            "TWINBRIDGE_SOURCE_DIR=${PROJECT_SOURCE_DIR}" "TWINBRIDGE_BINARY_DIR=${PROJECT_BINARY_DIR}"
            ${arg_ENV})
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${env}"
        TIMEOUT ${arg_TIMEOUT}
        LABELS "${arg_LABELS}")
endfunction()
