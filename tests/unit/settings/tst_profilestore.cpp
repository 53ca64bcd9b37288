#include "FutureWait.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"

#include <QFile>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

// Runs with KEYRING so one case can check that removing a profile deletes its secrets from the real keychain;
// the others use MemorySecretStore.
class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startsEmpty();
    void addPersistsAcrossInstances();
    void addEmitsAndRejectsDuplicatesAndBadIds();
    void updateEmitsOnlyOnChange();
    void updateOfUnknownProfileIsNotFound();
    void keepsCreationOrderAcrossReloads();
    void removeDeletesProfileAndAllItsSecrets();
    void removeDeletesSecretsFromTheKeychain();
    void removeReportsSecretStoreFailure();
    void removeOfUnknownProfileIsNotFound();
    void currentSelection();
    void removingTheCurrentProfileClearsTheSelection();
    void exportThenImportIntoAnotherStoreKeepsTheProfile();
    void importIntoSameStoreAssignsNewIdAndName();
    void importNeverTouchesSecrets();
    void importReportsValidationProblems();
    void importRejectsMalformedFiles_data();
    void importRejectsMalformedFiles();
    void exportToUnwritablePathFails();
    void settingsFileContainsNoSecret();

private:
    static ConnectionProfile sample(const QString &name = QStringLiteral("Production"));
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("twinbridge.ini")); }
    QString writeFile(const QString &name, const QByteArray &content) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
};

ConnectionProfile TestProfileStore::sample(const QString &name)
{
    ConnectionProfile p = ConnectionProfile::create(name);
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("my-sensors");
    p.tts.tenantId = QStringLiteral("ttn");
    p.iotHub.hostName = QStringLiteral("my-hub.azure-devices.net");
    return p;
}

QString TestProfileStore::writeFile(const QString &name, const QByteArray &content) const
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

void TestProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(settingsFile());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
}

void TestProfileStore::cleanup()
{
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestProfileStore::startsEmpty()
{
    QCOMPARE(m_store->count(), 0);
    QVERIFY(m_store->profiles().isEmpty());
    QVERIFY(m_store->currentProfileId().isEmpty());
    QVERIFY(!m_store->currentProfile().has_value());
}

void TestProfileStore::addPersistsAcrossInstances()
{
    ConnectionProfile p = sample();
    p.tts.mqttPort = 1883;
    p.tts.mqttTls = false;
    p.iotHub.policyName = QStringLiteral("twinbridge");
    p.azure.clientId = QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    p.azure.resourceGroup = QStringLiteral("rg-twinbridge");
    QVERIFY(m_store->add(p).ok());
    QCOMPARE(m_store->profile(p.id), p);
    {
        QSettings ini(settingsFile(), QSettings::IniFormat);
        QCOMPARE(ini.value(QStringLiteral("profiles/%1/azure/resourceGroup").arg(p.id)).toString(),
                 QStringLiteral("rg-twinbridge"));
    }

    Settings again(settingsFile());
    ProfileStore reloaded(&again, m_secrets.get());
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(reloaded.profile(p.id), p);
}

void TestProfileStore::addEmitsAndRejectsDuplicatesAndBadIds()
{
    QSignalSpy added(m_store.get(), &ProfileStore::profileAdded);
    const ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).toString(), p.id);

    const Status duplicate = m_store->add(p);
    QCOMPARE(duplicate.error().kind(), ServiceError::Kind::Conflict);
    ConnectionProfile noId = sample();
    noId.id = QStringLiteral("profile-1");
    QCOMPARE(m_store->add(noId).error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(added.size(), 1);
    QCOMPARE(m_store->count(), 1);
}

void TestProfileStore::updateEmitsOnlyOnChange()
{
    ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    QSignalSpy changed(m_store.get(), &ProfileStore::profileChanged);
    QVERIFY(m_store->update(p).ok());
    QCOMPARE(changed.size(), 0);
    p.name = QStringLiteral("Renamed");
    p.tts.applicationId = QStringLiteral("other-app");
    QVERIFY(m_store->update(p).ok());
    QCOMPARE(changed.size(), 1);
    p.azure.resourceGroup = QStringLiteral("rg-deployed");
    QVERIFY(m_store->update(p).ok());
    QCOMPARE(changed.size(), 2);
    QCOMPARE(m_store->profile(p.id)->azure.resourceGroup, QStringLiteral("rg-deployed"));
    QCOMPARE(changed.at(0).at(0).toString(), p.id);
    QCOMPARE(m_store->profile(p.id)->name, QStringLiteral("Renamed"));

    Settings again(settingsFile());
    ProfileStore reloaded(&again, m_secrets.get());
    QCOMPARE(reloaded.profile(p.id), p);
}

void TestProfileStore::updateOfUnknownProfileIsNotFound()
{
    QSignalSpy changed(m_store.get(), &ProfileStore::profileChanged);
    const Status updated = m_store->update(sample());
    QCOMPARE(updated.error().kind(), ServiceError::Kind::NotFound);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_store->count(), 0);
}

void TestProfileStore::keepsCreationOrderAcrossReloads()
{
    QStringList ids;
    for (const char *name : {"Zulu", "Alpha", "Mike"}) {
        const ConnectionProfile p = sample(QString::fromLatin1(name));
        ids.append(p.id);
        QVERIFY(m_store->add(p).ok());
    }
    QCOMPARE(m_store->ids(), ids);
    Settings again(settingsFile());
    ProfileStore reloaded(&again, m_secrets.get());
    QCOMPARE(reloaded.ids(), ids);
    QCOMPARE(reloaded.indexOf(ids.at(2)), 2);
}

void TestProfileStore::removeDeletesProfileAndAllItsSecrets()
{
    const ConnectionProfile a = sample(QStringLiteral("A"));
    const ConnectionProfile b = sample(QStringLiteral("B"));
    QVERIFY(m_store->add(a).ok());
    QVERIFY(m_store->add(b).ok());
    for (SecretKind kind : SecretStore::allKinds)
        QVERIFY(await(m_secrets->write(a.id, kind, QStringLiteral("secret-a"))));
    QVERIFY(await(m_secrets->write(b.id, SecretKind::TtsApiKey, QStringLiteral("secret-b"))));

    QSignalSpy removed(m_store.get(), &ProfileStore::profileRemoved);
    QFuture<Status> future = m_store->remove(a.id);
    QCOMPARE(removed.size(), 1); // the profile is gone at once
    QCOMPARE(removed.at(0).at(0).toString(), a.id);
    QVERIFY(!m_store->contains(a.id));
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
    QCOMPARE(m_secrets->keys(), QStringList{SecretStore::keyFor(b.id, SecretKind::TtsApiKey)});

    Settings again(settingsFile());
    ProfileStore reloaded(&again, m_secrets.get());
    QCOMPARE(reloaded.ids(), QStringList{b.id});
}

void TestProfileStore::removeDeletesSecretsFromTheKeychain()
{
    KeychainSecretStore keychain;
    ProfileStore store(m_settings.get(), &keychain);
    const ConnectionProfile p = sample();
    QVERIFY(store.add(p).ok());
    // Every kind of secret, the Azure sign-in's refresh token included (SecretStore::removeAll).
    for (SecretKind kind : SecretStore::allKinds) {
        QFuture<Status> written = keychain.write(p.id, kind, QStringLiteral("secret-") + SecretStore::kindKey(kind));
        QVERIFY(await(written));
        QVERIFY2(written.result().ok(), qPrintable(written.result().error().toString()));
    }

    QFuture<Status> removed = store.remove(p.id);
    QVERIFY(await(removed));
    QVERIFY2(removed.result().ok(), qPrintable(removed.result().error().toString()));
    for (SecretKind kind : SecretStore::allKinds) {
        QFuture<Result<QString>> read = keychain.read(p.id, kind);
        QVERIFY(await(read));
        QCOMPARE(read.result().error().kind(), ServiceError::Kind::NotConfigured);
    }
}

void TestProfileStore::removeReportsSecretStoreFailure()
{
    const ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    ServiceError failure(ServiceError::Kind::Backend, QStringLiteral("The keyring is locked."));
    failure.setCode(SecretStore::keychainUnavailableCode());
    m_secrets->setFailure(failure);
    QFuture<Status> future = m_store->remove(p.id);
    QVERIFY(await(future));
    QVERIFY(!future.result().ok());
    QVERIFY(SecretStore::isKeychainUnavailable(future.result().error()));
    QVERIFY(!m_store->contains(p.id));
}

void TestProfileStore::removeOfUnknownProfileIsNotFound()
{
    QFuture<Status> future = m_store->remove(ConnectionProfile::newId());
    QVERIFY(await(future));
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::NotFound);
}

void TestProfileStore::currentSelection()
{
    const ConnectionProfile a = sample(QStringLiteral("A"));
    const ConnectionProfile b = sample(QStringLiteral("B"));
    QVERIFY(m_store->add(a).ok());
    QVERIFY(m_store->add(b).ok());
    QSignalSpy current(m_store.get(), &ProfileStore::currentProfileChanged);

    QCOMPARE(m_store->setCurrentProfileId(ConnectionProfile::newId()).error().kind(), ServiceError::Kind::NotFound);
    QCOMPARE(current.size(), 0);
    QVERIFY(m_store->setCurrentProfileId(b.id).ok());
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.at(0).at(0).toString(), b.id);
    QCOMPARE(m_store->currentProfile()->name, QStringLiteral("B"));
    QVERIFY(m_store->setCurrentProfileId(b.id).ok());
    QCOMPARE(current.size(), 1); // unchanged, no signal

    Settings again(settingsFile());
    ProfileStore reloaded(&again, m_secrets.get());
    QCOMPARE(reloaded.currentProfileId(), b.id);

    QVERIFY(m_store->setCurrentProfileId(QString()).ok());
    QCOMPARE(current.size(), 2);
    QVERIFY(current.at(1).at(0).toString().isEmpty());
    QVERIFY(m_store->currentProfileId().isEmpty());
}

void TestProfileStore::removingTheCurrentProfileClearsTheSelection()
{
    const ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    QVERIFY(m_store->setCurrentProfileId(p.id).ok());
    QSignalSpy current(m_store.get(), &ProfileStore::currentProfileChanged);
    QVERIFY(await(m_store->remove(p.id)));
    QCOMPARE(current.size(), 1);
    QVERIFY(current.at(0).at(0).toString().isEmpty());
    QVERIFY(m_settings->value(Settings::Key::CurrentProfileId).toString().isEmpty());
}

void TestProfileStore::exportThenImportIntoAnotherStoreKeepsTheProfile()
{
    ConnectionProfile p = sample();
    p.azure.subscriptionId = QStringLiteral("00000000-1111-2222-3333-444444444444");
    p.azure.resourceGroup = QStringLiteral("rg-exported");
    QVERIFY(m_store->add(p).ok());
    QVERIFY(await(m_secrets->write(p.id, SecretKind::TtsApiKey, QStringLiteral("NNSXS.EXPORTCANARY"))));
    const QString file = m_dir->filePath(QStringLiteral("profile.json"));
    const Status exported = m_store->exportToFile(p.id, file);
    QVERIFY2(exported.ok(), qPrintable(exported.error().toString()));

    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(!bytes.contains("NNSXS.EXPORTCANARY"));
    QCOMPARE(QJsonDocument::fromJson(bytes).object().value(QLatin1String("format")).toString(),
             QStringLiteral("twinbridge-profile/1"));

    Settings otherSettings(m_dir->filePath(QStringLiteral("other.ini")));
    MemorySecretStore otherSecrets;
    ProfileStore other(&otherSettings, &otherSecrets);
    QSignalSpy added(&other, &ProfileStore::profileAdded);
    const Result<ProfileStore::ImportResult> imported = other.importFromFile(file);
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    QCOMPARE(imported.value().profile, p);
    QVERIFY(!imported.value().idChanged);
    QVERIFY(imported.value().issues.isEmpty());
    QCOMPARE(added.size(), 1);
    QCOMPARE(other.profile(p.id), p);
}

void TestProfileStore::importIntoSameStoreAssignsNewIdAndName()
{
    const ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    const QString file = m_dir->filePath(QStringLiteral("profile.json"));
    QVERIFY(m_store->exportToFile(p.id, file).ok());
    const Result<ProfileStore::ImportResult> imported = m_store->importFromFile(file);
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    QVERIFY(imported.value().idChanged);
    QVERIFY(imported.value().profile.id != p.id);
    QVERIFY(ConnectionProfile::isValidId(imported.value().profile.id));
    QCOMPARE(imported.value().profile.name, QStringLiteral("Production (2)"));
    QCOMPARE(m_store->count(), 2);
    QCOMPARE(m_store->profile(p.id), p);
}

void TestProfileStore::importNeverTouchesSecrets()
{
    const ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    QVERIFY(await(m_secrets->write(p.id, SecretKind::TtsApiKey, QStringLiteral("keep-me"))));
    const QString file = m_dir->filePath(QStringLiteral("profile.json"));
    QVERIFY(m_store->exportToFile(p.id, file).ok());

    QSignalSpy secretChanges(m_secrets.get(), &SecretStore::secretChanged);
    QVERIFY(m_store->importFromFile(file).ok());
    QCOMPARE(secretChanges.size(), 0);
    QCOMPARE(m_secrets->keys(), QStringList{SecretStore::keyFor(p.id, SecretKind::TtsApiKey)});
}

void TestProfileStore::importReportsValidationProblems()
{
    const QByteArray json = R"({"format": "twinbridge-profile/1", "name": "Imported",
        "tts": {"apiBaseUrl": "https://eu1.cloud.thethings.network/api/v3", "applicationId": "My_App",
                "mqttPort": 70000}})";
    const Result<ProfileStore::ImportResult> imported = m_store->importFromFile(writeFile(QStringLiteral("p.json"), json));
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    QStringList fields;
    for (const ProfileIssue &issue : imported.value().issues)
        fields.append(issue.field);
    QCOMPARE(fields, (QStringList{ProfileField::TtsApplicationId, ProfileField::TtsMqttPort}));
    QVERIFY(m_store->contains(imported.value().profile.id));
}

void TestProfileStore::importRejectsMalformedFiles_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<ServiceError::Kind>("kind");
    QTest::addColumn<QString>("messageContains");
    QTest::addRow("missing file") << QByteArray() << ServiceError::Kind::NotFound << "does not exist";
    QTest::addRow("not json") << QByteArray("name=Production\n") << ServiceError::Kind::InvalidInput
                              << "not valid JSON";
    QTest::addRow("truncated json") << QByteArray(R"({"format": "twinbridge-profile/1", "name": )")
                                    << ServiceError::Kind::InvalidInput << "not valid JSON";
    QTest::addRow("array") << QByteArray("[1, 2]") << ServiceError::Kind::InvalidInput << "no JSON object";
    QTest::addRow("other json") << QByteArray(R"({"hello": "world"})") << ServiceError::Kind::InvalidInput
                                << "not a TwinBridge connection profile";
    QTest::addRow("secret inside")
        << QByteArray(R"({"format": "twinbridge-profile/1", "name": "P", "tts": {"apiBaseUrl": "https://x.example",
            "applicationId": "app", "apiKey": "NNSXS.SECRET"}})")
        << ServiceError::Kind::InvalidInput << "looks like a secret";
    QTest::addRow("too large") << QByteArray(2 * 1024 * 1024, ' ') << ServiceError::Kind::InvalidInput
                               << "larger than 1 MiB";
}

void TestProfileStore::importRejectsMalformedFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(ServiceError::Kind, kind);
    QFETCH(QString, messageContains);
    const QString file = content.isEmpty() ? m_dir->filePath(QStringLiteral("missing.json"))
                                           : writeFile(QStringLiteral("bad.json"), content);
    QSignalSpy added(m_store.get(), &ProfileStore::profileAdded);
    const Result<ProfileStore::ImportResult> imported = m_store->importFromFile(file);
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error().kind(), kind);
    QVERIFY2(imported.error().message().contains(messageContains), qPrintable(imported.error().message()));
    QVERIFY2(imported.error().toString().startsWith(QStringLiteral("Could not import a connection profile from")),
             qPrintable(imported.error().toString()));
    QVERIFY(!imported.error().toString().contains(QStringLiteral("NNSXS.SECRET")));
    QCOMPARE(added.size(), 0);
    QCOMPARE(m_store->count(), 0);
}

void TestProfileStore::exportToUnwritablePathFails()
{
    const ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    const Status exported = m_store->exportToFile(p.id, m_dir->filePath(QStringLiteral("no/such/dir/p.json")));
    QVERIFY(!exported.ok());
    QCOMPARE(exported.error().kind(), ServiceError::Kind::Backend);
    QVERIFY2(exported.error().message().contains(QStringLiteral("Choose a folder you can write to")),
             qPrintable(exported.error().message()));
}

void TestProfileStore::settingsFileContainsNoSecret()
{
    ConnectionProfile p = sample();
    QVERIFY(m_store->add(p).ok());
    const QString secrets[] = {QStringLiteral("NNSXS.SETTINGSCANARY"), QStringLiteral("cG9saWN5LWNhbmFyeQ=="),
                               QStringLiteral("client-secret-canary"), QStringLiteral("ingest-canary")};
    int i = 0;
    for (SecretKind kind : {SecretKind::TtsApiKey, SecretKind::HubPolicyKey, SecretKind::AzureClientSecret,
                            SecretKind::IngestKey})
        QVERIFY(await(m_secrets->write(p.id, kind, secrets[i++])));
    p.name = QStringLiteral("Renamed");
    QVERIFY(m_store->update(p).ok());
    QVERIFY(m_store->setCurrentProfileId(p.id).ok());

    QFile file(settingsFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("my-sensors")); // the profile really is in this file
    for (const QString &secret : secrets)
        QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(secret));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
