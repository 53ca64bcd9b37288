#include "services/azure/RefreshTokenStore.h"

namespace TwinBridge {

RefreshTokenStore::~RefreshTokenStore() = default;

} // namespace TwinBridge
