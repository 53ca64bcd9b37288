# The integration engine (issue 6). Device connections (devconn):
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionContext.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionContext.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionPool.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionPool.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionSettings.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionSettings.h
    ${CMAKE_CURRENT_LIST_DIR}/EpollEventDispatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/EpollEventDispatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubDeviceClient.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubDeviceClient.h
    ${CMAKE_CURRENT_LIST_DIR}/TlsClientContext.cpp ${CMAKE_CURRENT_LIST_DIR}/TlsClientContext.h
    ${CMAKE_CURRENT_LIST_DIR}/TlsStream.cpp ${CMAKE_CURRENT_LIST_DIR}/TlsStream.h
)
