#pragma once

#include <cstddef>

// resources/azure/main.json as compiled into twinbridge_services (generated at configure time by
// src/services/deploy/sources.cmake). Use DeploymentPlan::embeddedTemplate() rather than these.
namespace TwinBridge::EmbeddedTemplate {

extern const char mainJson[];
extern const std::size_t mainJsonSize;

} // namespace TwinBridge::EmbeddedTemplate
