# Shared protocol code (engine and sandbox): part of twinbridge_protocol.
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/SasToken.cpp ${CMAKE_CURRENT_LIST_DIR}/SasToken.h
)
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/TtsDownlink.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsDownlink.h
)
