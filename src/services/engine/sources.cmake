# src/services/engine: the integration engine (part of twinbridge_services).
# The TTS side: the application's MQTT subscriber, the message filters and the uplink translator.
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/MessageFilter.cpp ${CMAKE_CURRENT_LIST_DIR}/MessageFilter.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsApplicationSubscriber.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsApplicationSubscriber.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsUpstreamMessage.h
    ${CMAKE_CURRENT_LIST_DIR}/TwinValueSanitizer.cpp ${CMAKE_CURRENT_LIST_DIR}/TwinValueSanitizer.h
    ${CMAKE_CURRENT_LIST_DIR}/UplinkTranslator.cpp ${CMAKE_CURRENT_LIST_DIR}/UplinkTranslator.h
)
