# src/services/azure: sources of twinbridge_services (target_sources).
