# src/services/settings: typed settings and connection profiles (part of twinbridge_services).
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Settings.cpp ${CMAKE_CURRENT_LIST_DIR}/Settings.h
    ${CMAKE_CURRENT_LIST_DIR}/ProfileIssue.h
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionProfile.cpp ${CMAKE_CURRENT_LIST_DIR}/ConnectionProfile.h
    ${CMAKE_CURRENT_LIST_DIR}/ProfileStore.cpp ${CMAKE_CURRENT_LIST_DIR}/ProfileStore.h
    ${CMAKE_CURRENT_LIST_DIR}/ProfileSession.cpp ${CMAKE_CURRENT_LIST_DIR}/ProfileSession.h
    ${CMAKE_CURRENT_LIST_DIR}/SandboxProfileImport.cpp ${CMAKE_CURRENT_LIST_DIR}/SandboxProfileImport.h
)
