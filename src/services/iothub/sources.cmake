# src/services/iothub: IoT Hub service REST client, identity/twin types, hub throttles (part of twinbridge_services).
