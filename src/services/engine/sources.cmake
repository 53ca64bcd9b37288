# src/services/engine: the integration engine (part of twinbridge_services).
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/EngineConfig.cpp ${CMAKE_CURRENT_LIST_DIR}/EngineConfig.h
)
