# src/services/secrets: secrets per connection profile in the OS keychain (part of twinbridge_services).
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/SecretStore.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretStore.h
    ${CMAKE_CURRENT_LIST_DIR}/KeychainSecretStore.cpp ${CMAKE_CURRENT_LIST_DIR}/KeychainSecretStore.h
    ${CMAKE_CURRENT_LIST_DIR}/MemorySecretStore.cpp ${CMAKE_CURRENT_LIST_DIR}/MemorySecretStore.h
    ${CMAKE_CURRENT_LIST_DIR}/SessionSecretStore.cpp ${CMAKE_CURRENT_LIST_DIR}/SessionSecretStore.h
)
