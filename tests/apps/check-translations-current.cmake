# Fails if a translatable string in the sources is missing from translations/twinbridge_de.ts or is not
# translated there: runs lupdate over every scanned source into a copy of the committed file and looks for
# unfinished messages. Fix: `cmake --build <dir> --target update_translations`, translate, commit the .ts.
#
# cmake -DLUPDATE=… -DSOURCES_LIST=… -DINCLUDE_DIR=… -DTS_FILE=… -DWORK_DIR=… -P check-translations-current.cmake
foreach(var LUPDATE SOURCES_LIST INCLUDE_DIR TS_FILE WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "${var} is not set")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(ts_name "${TS_FILE}" NAME)
set(copy "${WORK_DIR}/${ts_name}")
file(COPY_FILE "${TS_FILE}" "${copy}")

execute_process(
    COMMAND "${LUPDATE}" "-I${INCLUDE_DIR}" "@${SOURCES_LIST}" -ts "${copy}" -no-obsolete -locations none
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${result}):\n${output}")
endif()
message(STATUS "lupdate: ${output}")

file(READ "${copy}" updated)
string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*<translation type=\"unfinished\"" unfinished "${updated}")
list(LENGTH unfinished count)
if(count GREATER 0)
    set(report "")
    foreach(entry IN LISTS unfinished)
        string(REGEX REPLACE "^<source>([^<]*)</source>.*$" "\\1" source "${entry}")
        string(APPEND report "  ${source}\n")
    endforeach()
    message(FATAL_ERROR "${count} string(s) in the sources have no German translation in ${ts_name}.\n"
        "Run `cmake --build <build dir> --target update_translations`, translate them (Qt Linguist) and "
        "commit the .ts files:\n${report}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "every translatable string has a German translation")
