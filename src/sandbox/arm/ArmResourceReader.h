#pragma once

#include "services/core/Result.h"

#include <QJsonValue>
#include <QString>

namespace TwinBridge::Sandbox {

// What template expressions read from resources that exist while a deployment runs (reference(),
// listKeys() and the other list* actions). The ARM stand-in implements it over its resource store and
// providers; tests implement it with canned resources. Errors carry ARM codes (ResourceNotFound, …).
class ArmResourceReader
{
public:
    virtual ~ArmResourceReader() = default;

    // The resource's properties, or (full) the whole resource {id,name,type,location,sku,kind,tags,properties}.
    virtual Result<QJsonValue> reference(const QString &resourceId, const QString &apiVersion, bool full) = 0;
    // POST {resourceId}/{action} (listKeys, listConnectionStrings, …).
    virtual Result<QJsonValue> listAction(const QString &action, const QString &resourceId,
                                          const QString &apiVersion) = 0;
};

} // namespace TwinBridge::Sandbox
