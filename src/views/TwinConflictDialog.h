#pragma once

#include <QDialog>
#include <QJsonObject>

class QPushButton;

namespace TwinBridge {

class JsonEditor;

// Shown when sending a twin patch met a newer twin (HTTP 412, the etag changed): what is on the hub now
// ("theirs": tags and desired properties, with its $version) next to the edits that could not be sent ("mine":
// the merge patch), and a preview of re-applying mine on theirs. The user chooses "Re-apply my changes on theirs",
// "Discard mine" (take theirs) or Cancel (keep editing). Open it with open(); the answer comes by finished().
class TwinConflictDialog : public QDialog
{
    Q_OBJECT

public:
    enum Choice { Cancel = QDialog::Rejected, Reapply = 100, Discard = 101 };
    Q_ENUM(Choice)

    // `theirs` and `merged` are {"tags":…,"properties":{"desired":…}}; `myPatch` is the patch that was refused.
    TwinConflictDialog(const QString &deviceId, qint64 theirDesiredVersion, const QJsonObject &theirs,
                       const QJsonObject &myPatch, const QJsonObject &merged, QWidget *parent = nullptr);

    QPushButton *reapplyButton() const { return m_reapply; }
    QPushButton *discardButton() const { return m_discard; }

private:
    QPushButton *m_reapply;
    QPushButton *m_discard;
};

} // namespace TwinBridge
