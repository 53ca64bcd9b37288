# src/services/deploy: the Azure side's deployment (plan, pre-flight, what-if, deploy, update, uninstall), GUI-free
# so that twinbridged and the console's wizard share it (part of twinbridge_services).
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/AzureDeployer.cpp ${CMAKE_CURRENT_LIST_DIR}/AzureDeployer.h
    ${CMAKE_CURRENT_LIST_DIR}/DeploymentPlan.cpp ${CMAKE_CURRENT_LIST_DIR}/DeploymentPlan.h
    ${CMAKE_CURRENT_LIST_DIR}/DeploymentSession.cpp ${CMAKE_CURRENT_LIST_DIR}/DeploymentSession.h
    ${CMAKE_CURRENT_LIST_DIR}/EmbeddedTemplate.h
)

# resources/azure/main.json compiled in: a generated .cpp holding it as a raw string literal. configure_file
# only rewrites the .cpp when the text changed, and editing the JSON re-runs the configuration.
set(twinbridge_template_json "${PROJECT_SOURCE_DIR}/resources/azure/main.json")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${twinbridge_template_json}")
file(READ "${twinbridge_template_json}" twinbridge_template_text)
string(FIND "${twinbridge_template_text}" ")TbArmTemplate\"" twinbridge_template_delimiter)
if(NOT twinbridge_template_delimiter EQUAL -1)
    message(FATAL_ERROR "resources/azure/main.json contains the raw string delimiter of EmbeddedTemplate.cpp")
endif()
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/deploy/EmbeddedTemplate.cpp.in"
    "// Generated from resources/azure/main.json by src/services/deploy/sources.cmake. Do not edit.\n"
    "#include \"services/deploy/EmbeddedTemplate.h\"\n\n"
    "namespace TwinBridge::EmbeddedTemplate {\n\n"
    "const char mainJson[] = R\"TbArmTemplate(${twinbridge_template_text})TbArmTemplate\";\n"
    "const std::size_t mainJsonSize = sizeof(mainJson) - 1;\n\n"
    "} // namespace TwinBridge::EmbeddedTemplate\n")
configure_file("${CMAKE_CURRENT_BINARY_DIR}/deploy/EmbeddedTemplate.cpp.in"
               "${CMAKE_CURRENT_BINARY_DIR}/deploy/EmbeddedTemplate.cpp" COPYONLY)
target_sources(twinbridge_services PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/deploy/EmbeddedTemplate.cpp")
