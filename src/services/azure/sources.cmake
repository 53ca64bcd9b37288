# src/services/azure: Entra ID sign-in and the Azure Resource Manager client (part of twinbridge_services).
