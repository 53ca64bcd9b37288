#pragma once

#include "services/core/Result.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ConnectionProfile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

class ProfileStore;

// Turns the sandbox.json that twinbridge-sandbox writes when it is ready (DESIGN.md §3) into the connection
// profile "Sandbox" plus its three secrets (TTS API key, IoT Hub policy key, Azure client secret), which the
// caller hands to a SecretStore — they never reach the ProfileStore, Settings or a log.
//
// The file is checked strictly: a missing member or one of the wrong type or form is an InvalidInput error
// (code invalidDescriptionCode()) that names the field ("iotHub.mqtt.port") and the file, and never quotes a
// secret. Only the sections "tts" and "azure" may be absent (older sandboxes lack them): then the rest is
// imported and missingSections names what is missing. Importing again updates the existing sandbox profile.
class SandboxProfileImport
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::SandboxProfileImport)

public:
    // What one sandbox.json describes.
    struct Description
    {
        ConnectionProfile profile; // the file's values over the defaults; no id; name profileName()
        QMap<SecretKind, QString> secrets; // the secrets the file carries
        QStringList missingSections; // "tts" and/or "azure" when the file lacks them
        QString adminUrl; // the sandbox's admin API
        QString filePath; // the file it came from
    };

    // The outcome of importing a description into a ProfileStore.
    struct Imported
    {
        ConnectionProfile profile; // as stored
        bool updated = false; // an existing sandbox profile was updated, none was added
        QMap<SecretKind, QString> secrets; // to be written to the SecretStore under profile.id
        QStringList missingSections; // as in Description
        ProfileIssues issues; // validation problems left (e.g. a CA file that is gone)
        QString filePath; // the file it came from
    };

    // The name the imported profile gets: "Sandbox".
    static QString profileName();
    // ServiceError::code() of every error about the file's content.
    static QString invalidDescriptionCode();
    // The file name twinbridge-sandbox writes into its state directory.
    static QString fileName();

    // Reads and checks a sandbox.json (NotFound when it does not exist).
    static Result<Description> readFile(const QString &filePath);
    // Checks the JSON text of a sandbox.json; `filePath` names the file in errors and resolves a relative
    // caCertificate path.
    static Result<Description> parse(const QByteArray &json, const QString &filePath);

    // The stored profile an import of `description` updates: the one named profileName(), else one that
    // trusts the same sandbox CA certificate file. Nothing when the import adds a new profile.
    static std::optional<ConnectionProfile> findExisting(const ProfileStore &store, const Description &description);
    // Adds the sandbox profile, or updates the existing one (keeping its id and name; sections the file lacks
    // keep their stored values). Does not touch secrets.
    static Result<Imported> importInto(ProfileStore &store, const Description &description);
    // readFile() then importInto().
    static Result<Imported> importFile(ProfileStore &store, const QString &filePath);

    // A translated sentence per missing section saying what the profile lacks and what to do, e.g. for
    // "tts": "sandbox.json has no “tts” section, so the profile has no The Things Stack settings and no TTS
    // API key: …". Empty list for none.
    static QStringList missingSectionMessages(const QStringList &missingSections, const QString &filePath);
    // The secrets a missing section would have carried.
    static QList<SecretKind> secretsOfSection(const QString &section);
};

} // namespace TwinBridge
