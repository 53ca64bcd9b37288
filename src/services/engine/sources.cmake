# src/services/engine: the integration engine (part of twinbridge_services).
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Engine.cpp ${CMAKE_CURRENT_LIST_DIR}/Engine.h
    ${CMAKE_CURRENT_LIST_DIR}/EngineConfig.cpp ${CMAKE_CURRENT_LIST_DIR}/EngineConfig.h
    ${CMAKE_CURRENT_LIST_DIR}/EngineEvent.cpp ${CMAKE_CURRENT_LIST_DIR}/EngineEvent.h
    ${CMAKE_CURRENT_LIST_DIR}/EngineHost.cpp ${CMAKE_CURRENT_LIST_DIR}/EngineHost.h
    ${CMAKE_CURRENT_LIST_DIR}/SandboxFunctionRegistration.cpp ${CMAKE_CURRENT_LIST_DIR}/SandboxFunctionRegistration.h
    ${CMAKE_CURRENT_LIST_DIR}/Outbox.cpp ${CMAKE_CURRENT_LIST_DIR}/Outbox.h
    ${CMAKE_CURRENT_LIST_DIR}/EngineMetrics.cpp ${CMAKE_CURRENT_LIST_DIR}/EngineMetrics.h
    ${CMAKE_CURRENT_LIST_DIR}/IdentityProvisioner.cpp ${CMAKE_CURRENT_LIST_DIR}/IdentityProvisioner.h
# The integration engine (issue 6). Device connections (devconn):
    ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionContext.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionContext.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionPool.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionPool.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionSettings.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceConnectionSettings.h
# The TTS side: the application's MQTT subscriber, the message filters and the uplink translator.
    ${CMAKE_CURRENT_LIST_DIR}/MessageFilter.cpp ${CMAKE_CURRENT_LIST_DIR}/MessageFilter.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsApplicationSubscriber.cpp ${CMAKE_CURRENT_LIST_DIR}/TtsApplicationSubscriber.h
    ${CMAKE_CURRENT_LIST_DIR}/TtsUpstreamMessage.h
    ${CMAKE_CURRENT_LIST_DIR}/TwinValueSanitizer.cpp ${CMAKE_CURRENT_LIST_DIR}/TwinValueSanitizer.h
    ${CMAKE_CURRENT_LIST_DIR}/UplinkTranslator.cpp ${CMAKE_CURRENT_LIST_DIR}/UplinkTranslator.h
# src/services/engine: the integration engine (issue 6). Each part lists its own files.
# ingest: the ingest endpoint and what acts on its events.
    ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.cpp ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestBatchParser.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestBatchParser.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestEvent.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestEvent.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestEventProcessor.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestEventProcessor.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestOutcome.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestOutcome.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestServer.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestServer.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestSink.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestSink.h
    ${CMAKE_CURRENT_LIST_DIR}/EpollEventDispatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/EpollEventDispatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/IotHubDeviceClient.cpp ${CMAKE_CURRENT_LIST_DIR}/IotHubDeviceClient.h
    ${CMAKE_CURRENT_LIST_DIR}/TlsClientContext.cpp ${CMAKE_CURRENT_LIST_DIR}/TlsClientContext.h
    ${CMAKE_CURRENT_LIST_DIR}/TlsStream.cpp ${CMAKE_CURRENT_LIST_DIR}/TlsStream.h
)
