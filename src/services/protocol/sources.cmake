# Shared protocol code (engine and sandbox): part of twinbridge_protocol (Qt Core only).
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/SasToken.cpp ${CMAKE_CURRENT_LIST_DIR}/SasToken.h
)
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/TtsDownlink.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsDownlink.h
)
# IoT Hub: connection strings, names, the MQTT topic grammar, twin rules and JSON merge patch.
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/IotHubConnectionString.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubConnectionString.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubMqttUsername.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubMqttUsername.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubNames.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubNames.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubSubscription.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubSubscription.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubTopic.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubTopic.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonMergePatch.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonMergePatch.h
    ${CMAKE_CURRENT_LIST_DIR}/MessagePropertyBag.cpp ${CMAKE_CURRENT_LIST_DIR}/MessagePropertyBag.h
    ${CMAKE_CURRENT_LIST_DIR}/PercentEncoding.cpp ${CMAKE_CURRENT_LIST_DIR}/PercentEncoding.h
    ${CMAKE_CURRENT_LIST_DIR}/TwinRules.cpp ${CMAKE_CURRENT_LIST_DIR}/TwinRules.h
)
# The Things Stack: topics, message types, ApplicationUp; and the JSON member reader and writer every
# value type shares.
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationUp.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationUp.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonFieldReader.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonFieldReader.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonFieldWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonFieldWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsMessageType.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsMessageType.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsTopic.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsTopic.h
)
# MQTT 3.1.1: the packet codec both directions (the engine's device connections and the sandbox's endpoint).
target_sources(twinbridge_protocol PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/MqttPacket.cpp ${CMAKE_CURRENT_LIST_DIR}/MqttPacket.h
    ${CMAKE_CURRENT_LIST_DIR}/MqttStreamDecoder.cpp ${CMAKE_CURRENT_LIST_DIR}/MqttStreamDecoder.h
)
