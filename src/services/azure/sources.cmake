# src/services/azure: Entra ID sign-in and the Azure Resource Manager client (part of twinbridge_services).
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/AccessToken.h
    ${CMAKE_CURRENT_LIST_DIR}/ArmClient.cpp ${CMAKE_CURRENT_LIST_DIR}/ArmClient.h
    ${CMAKE_CURRENT_LIST_DIR}/ArmDeploymentWatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/ArmDeploymentWatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/ArmLongRunningOperation.cpp ${CMAKE_CURRENT_LIST_DIR}/ArmLongRunningOperation.h
    ${CMAKE_CURRENT_LIST_DIR}/ArmTypes.cpp ${CMAKE_CURRENT_LIST_DIR}/ArmTypes.h
    ${CMAKE_CURRENT_LIST_DIR}/AzureCliCredential.cpp ${CMAKE_CURRENT_LIST_DIR}/AzureCliCredential.h
    ${CMAKE_CURRENT_LIST_DIR}/ClientSecretCredential.cpp ${CMAKE_CURRENT_LIST_DIR}/ClientSecretCredential.h
    ${CMAKE_CURRENT_LIST_DIR}/CloudError.cpp ${CMAKE_CURRENT_LIST_DIR}/CloudError.h
    ${CMAKE_CURRENT_LIST_DIR}/DeviceCodeCredential.cpp ${CMAKE_CURRENT_LIST_DIR}/DeviceCodeCredential.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraAuthority.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraAuthority.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraError.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraError.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraTokenClient.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraTokenClient.h
    ${CMAKE_CURRENT_LIST_DIR}/InMemoryRefreshTokenStore.cpp ${CMAKE_CURRENT_LIST_DIR}/InMemoryRefreshTokenStore.h
    ${CMAKE_CURRENT_LIST_DIR}/RefreshTokenStore.cpp ${CMAKE_CURRENT_LIST_DIR}/RefreshTokenStore.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretRefreshTokenStore.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretRefreshTokenStore.h
    ${CMAKE_CURRENT_LIST_DIR}/TokenCredential.cpp ${CMAKE_CURRENT_LIST_DIR}/TokenCredential.h
)
