# src/services/tts: The Things Stack REST API.
# The JSON value types only need Qt Core, so they go into twinbridge_protocol, which the sandbox (and the
# fuzz targets) share with the engine; the client needs Network and belongs to twinbridge_services.
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/TtsApplication.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsApplication.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsComponent.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsComponent.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsDeviceTemplate.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsDeviceTemplate.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsEndDevice.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsEndDevice.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsError.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsError.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsLorawanVersions.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsLorawanVersions.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsMqttConnectionInfo.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsMqttConnectionInfo.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsRights.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsRights.h
)
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/TtsClient.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsClient.h
)
