# src/services/engine: the integration engine (issue 6). Each part lists its own files.
# ingest: the ingest endpoint and what acts on its events.
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.cpp ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestBatchParser.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestBatchParser.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestEvent.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestEvent.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestEventProcessor.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestEventProcessor.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestOutcome.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestOutcome.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestServer.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestServer.h
    ${CMAKE_CURRENT_LIST_DIR}/IngestSink.cpp ${CMAKE_CURRENT_LIST_DIR}/IngestSink.h
)
