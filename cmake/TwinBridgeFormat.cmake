# `cmake --build <dir> --target format` rewrites every C++ file with the committed .clang-format;
# `format-check` fails if any file would change.
find_program(CLANG_FORMAT_PROGRAM NAMES clang-format clang-format-14)
if(CLANG_FORMAT_PROGRAM)
    file(GLOB_RECURSE twinbridge_format_sources CONFIGURE_DEPENDS
        "${PROJECT_SOURCE_DIR}/app/*.cpp" "${PROJECT_SOURCE_DIR}/app/*.h"
        "${PROJECT_SOURCE_DIR}/src/*.cpp" "${PROJECT_SOURCE_DIR}/src/*.h"
        "${PROJECT_SOURCE_DIR}/tests/*.cpp" "${PROJECT_SOURCE_DIR}/tests/*.h")
    add_custom_target(format
        COMMAND "${CLANG_FORMAT_PROGRAM}" -i --style=file ${twinbridge_format_sources}
        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
        COMMENT "Formatting C++ sources with clang-format"
        VERBATIM)
    add_custom_target(format-check
        COMMAND "${CLANG_FORMAT_PROGRAM}" --dry-run --Werror --style=file ${twinbridge_format_sources}
        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
        COMMENT "Checking C++ formatting"
        VERBATIM)
endif()
