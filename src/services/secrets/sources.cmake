# src/services/secrets: sources of twinbridge_services (target_sources).
