# src/services/mqtt: MQTT 3.1.1 connections over libmosquitto, driven by the Qt event loop (part of
# twinbridge_services): the TTS application connection and the IoT Hub device connections.
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/MosquittoLibrary.cpp ${CMAKE_CURRENT_LIST_DIR}/MosquittoLibrary.h
    ${CMAKE_CURRENT_LIST_DIR}/MqttTlsContext.cpp ${CMAKE_CURRENT_LIST_DIR}/MqttTlsContext.h
    ${CMAKE_CURRENT_LIST_DIR}/MosquittoClient.cpp ${CMAKE_CURRENT_LIST_DIR}/MosquittoClient.h
    ${CMAKE_CURRENT_LIST_DIR}/MqttReconnectPolicy.cpp ${CMAKE_CURRENT_LIST_DIR}/MqttReconnectPolicy.h
)
