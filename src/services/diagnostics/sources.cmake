# src/services/diagnostics: the connection tests of the Connections page ("Test connection" for TTS, IoT Hub
# and Azure), each check a named step with a sentence a user can act on.
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/AzureConnectionTest.cpp ${CMAKE_CURRENT_LIST_DIR}/AzureConnectionTest.h
    ${CMAKE_CURRENT_LIST_DIR}/ClockSkew.cpp ${CMAKE_CURRENT_LIST_DIR}/ClockSkew.h
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionCheck.cpp ${CMAKE_CURRENT_LIST_DIR}/ConnectionCheck.h
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionTest.cpp ${CMAKE_CURRENT_LIST_DIR}/ConnectionTest.h
    ${CMAKE_CURRENT_LIST_DIR}/EndpointProbe.cpp ${CMAKE_CURRENT_LIST_DIR}/EndpointProbe.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubConnectionTest.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubConnectionTest.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsConnectionTest.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsConnectionTest.h
)
