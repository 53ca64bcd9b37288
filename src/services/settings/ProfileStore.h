#pragma once

#include "services/core/Result.h"
#include "services/settings/ConnectionProfile.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <optional>

namespace TwinBridge {

class SecretStore;
class Settings;

// The connection profiles: their non-secret fields in Settings (groups "profiles/<id>/…", the order in
// Settings::Key::ProfileOrder, the selection in Settings::Key::CurrentProfileId), their secrets in the
// SecretStore under the profile's id. Profiles may be stored while they fail validation (e.g. just
// imported); ConnectionProfile::validate() tells what to fix before they are used.
class ProfileStore : public QObject
{
    Q_OBJECT

public:
    struct ImportResult
    {
        ConnectionProfile profile; // as stored (possibly with a new id or name)
        ProfileIssues issues;      // validation problems to fix before use
        bool idChanged = false;    // the file's id was taken, so the profile got a new one
    };

    ProfileStore(Settings *settings, SecretStore *secrets, QObject *parent = nullptr);

    Settings *settings() const { return m_settings; }
    SecretStore *secretStore() const { return m_secrets; }

    QList<ConnectionProfile> profiles() const;
    QStringList ids() const { return m_order; }
    int count() const { return int(m_order.size()); }
    int indexOf(const QString &id) const { return int(m_order.indexOf(id)); }
    bool contains(const QString &id) const { return m_profiles.contains(id); }
    std::optional<ConnectionProfile> profile(const QString &id) const;

    // Adds a profile (Conflict when its id exists, InvalidInput when the id is not a UUID).
    Status add(const ConnectionProfile &profile);
    // Replaces the stored fields of an existing profile (NotFound otherwise).
    Status update(const ConnectionProfile &profile);
    // Removes the profile at once, then deletes all its secrets; resolves when they are gone, or with the
    // first error of the secret store (the profile stays removed).
    QFuture<Status> remove(const QString &id);

    // The selected profile; empty when none is selected or the selected one no longer exists.
    QString currentProfileId() const;
    std::optional<ConnectionProfile> currentProfile() const;
    // Selects a profile (empty id clears the selection; an unknown id is NotFound).
    Status setCurrentProfileId(const QString &id);

    // Writes the profile as JSON (ConnectionProfile::toJson, never a secret).
    Status exportToFile(const QString &id, const QString &filePath) const;
    // Reads a profile written by exportToFile and adds it: a taken id is replaced by a new one, a taken
    // name gets a suffix, secrets are never touched. Malformed files are InvalidInput errors.
    Result<ImportResult> importFromFile(const QString &filePath);

    // `base`, or `base (2)`, `base (3)`… whichever no profile uses yet.
    QString uniqueName(const QString &base) const;

signals:
    void profileAdded(const QString &id);
    void profileChanged(const QString &id);
    void profileRemoved(const QString &id);
    void currentProfileChanged(const QString &id);

private:
    void load();
    void writeProfile(const ConnectionProfile &profile);
    ConnectionProfile readProfile(const QString &id) const;
    void saveOrder();

    Settings *m_settings;
    SecretStore *m_secrets;
    QStringList m_order;
    QHash<QString, ConnectionProfile> m_profiles;
};

} // namespace TwinBridge
