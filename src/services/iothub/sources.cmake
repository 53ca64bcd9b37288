# src/services/iothub: IoT Hub service REST client, identity/twin types, hub throttles (part of twinbridge_services).
# The JSON value types do not depend on the client: the sandbox links twinbridge_services and reuses them.
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/DeviceAuthentication.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceAuthentication.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceIdentity.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceIdentity.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceTwin.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceTwin.h
    ${CMAKE_CURRENT_LIST_DIR}/ImportDevice.cpp ${CMAKE_CURRENT_LIST_DIR}/ImportDevice.h
    ${CMAKE_CURRENT_LIST_DIR}/BulkImportResult.cpp ${CMAKE_CURRENT_LIST_DIR}/BulkImportResult.h
    ${CMAKE_CURRENT_LIST_DIR}/QueryPage.cpp ${CMAKE_CURRENT_LIST_DIR}/QueryPage.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceStatistics.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceStatistics.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubErrorEnvelope.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubErrorEnvelope.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubCredentials.h
    ${CMAKE_CURRENT_LIST_DIR}/HubThrottle.cpp ${CMAKE_CURRENT_LIST_DIR}/HubThrottle.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubServiceClient.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubServiceClient.h
)
