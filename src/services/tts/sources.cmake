# src/services/tts: sources of twinbridge_services (target_sources).
