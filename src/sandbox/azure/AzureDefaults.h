#pragma once

// The fixed identities of the sandbox's Azure stand-ins (Entra ID and Resource Manager). They are written to
// sandbox.json (`azure` section) and stay the same on every start, so tests, profiles and the ARM stand-in can
// rely on them. None of them is a secret: the client secret and the token signing key are generated per state
// directory (EntraStandIn::setStateDirectory()).
namespace TwinBridge::Sandbox::AzureDefaults {

// The directory (tenant) every Azure resource of the sandbox belongs to.
inline constexpr char TenantId[] = "988728de-578c-4327-a596-0b2b5c45cb2d";
inline constexpr char TenantDomain[] = "twinbridgesandbox.onmicrosoft.com";
inline constexpr char TenantDisplayName[] = "TwinBridge Sandbox";

// The subscription the ARM stand-in serves (its resource groups, deployments and IoT hubs).
inline constexpr char SubscriptionId[] = "f9943056-8fc6-4ba7-8d52-06537232ebb8";
inline constexpr char SubscriptionDisplayName[] = "TwinBridge Sandbox Subscription";

// The application registration sandbox.json names (`azure.clientId`, `azure.clientSecret`). Like an app whose
// "Allow public client flows" is on and that has a client secret, it serves both sign-ins TwinBridge uses:
// device code without a secret (a user) and client credentials with the secret (its service principal).
inline constexpr char ClientId[] = "386ecad5-b10c-4bef-a559-17ea10bf7fb4";
inline constexpr char ClientDisplayName[] = "TwinBridge Sandbox";
inline constexpr char ServicePrincipalObjectId[] = "c462608b-3bf6-4af9-89be-5f278f7a2649";

// The user who approves device codes unless an approval names another one.
inline constexpr char UserObjectId[] = "fe8a6618-f0f3-49c6-9b40-cb5373ca54c9";
inline constexpr char UserPrincipalName[] = "sandbox.user@twinbridgesandbox.onmicrosoft.com";
inline constexpr char UserDisplayName[] = "Sandbox User";

// Azure Resource Manager as a resource of the identity platform: the identifier URIs a token may be requested
// for ({uri}/.default) and the audience its tokens carry. ARM accepts tokens for either URI, with or without
// the trailing slash (its "allowed audiences").
inline constexpr char ArmResource[] = "https://management.azure.com";
inline constexpr char ArmLegacyResource[] = "https://management.core.windows.net";
inline constexpr char ArmResourceAppId[] = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
inline constexpr char ArmScope[] = "https://management.azure.com/.default";

// The host name Entra ID's tokens and metadata name as their issuer, whatever address the sandbox listens on.
inline constexpr char AuthorityHostName[] = "login.microsoftonline.com";
inline constexpr char ManagementHostName[] = "management.azure.com";

} // namespace TwinBridge::Sandbox::AzureDefaults
