#pragma once

namespace TwinBridge {

// The pages of the DeployWizard, in their order for a first deployment. Update runs SignIn → TtsApplication →
// Options → Review → Progress → Finish; uninstall runs SignIn → Uninstall.
enum DeployWizardPageId : int {
    ModePageId,
    SignInPageId,
    AzureTargetPageId,
    TtsApplicationPageId,
    OptionsPageId,
    ReviewPageId,
    ProgressPageId,
    FinishPageId,
    UninstallPageId,
};

} // namespace TwinBridge
