# src/services/mirror: the console's device mirror — loading both sides page by page and bulk actions under the
# registry throttle (part of twinbridge_services).
target_sources(twinbridge_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/MirrorSnapshot.h
    ${CMAKE_CURRENT_LIST_DIR}/MirrorLoader.cpp ${CMAKE_CURRENT_LIST_DIR}/MirrorLoader.h
    ${CMAKE_CURRENT_LIST_DIR}/MirrorBulkRunner.cpp ${CMAKE_CURRENT_LIST_DIR}/MirrorBulkRunner.h
)
