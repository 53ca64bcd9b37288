#include "services/tts/TtsLorawanVersions.h"

#include <QList>

namespace TwinBridge {

namespace {

struct VersionEntry
{
    QString name;
    QStringList aliases; // short aliases first, then the other accepted enum names
};

const QList<VersionEntry> &macVersions()
{
    static const QList<VersionEntry> entries = {
        {QStringLiteral("MAC_V1_0"), {QStringLiteral("1.0"), QStringLiteral("1.0.0")}},
        {QStringLiteral("MAC_V1_0_1"), {QStringLiteral("1.0.1")}},
        {QStringLiteral("MAC_V1_0_2"), {QStringLiteral("1.0.2")}},
        {QStringLiteral("MAC_V1_0_3"), {QStringLiteral("1.0.3")}},
        {QStringLiteral("MAC_V1_0_4"), {QStringLiteral("1.0.4")}},
        {QStringLiteral("MAC_V1_1"), {QStringLiteral("1.1"), QStringLiteral("1.1.0")}},
    };
    return entries;
}

const QList<VersionEntry> &phyVersions()
{
    static const QList<VersionEntry> entries = {
        {QStringLiteral("PHY_V1_0"),
         {QStringLiteral("1.0"), QStringLiteral("1.0.0"), QStringLiteral("V1_0"), QStringLiteral("TS001_V1_0")}},
        {QStringLiteral("PHY_V1_0_1"),
         {QStringLiteral("1.0.1"), QStringLiteral("V1_0_1"), QStringLiteral("TS001_V1_0_1")}},
        {QStringLiteral("PHY_V1_0_2_REV_A"),
         {QStringLiteral("1.0.2"), QStringLiteral("1.0.2-a"), QStringLiteral("V1_0_2"), QStringLiteral("V1_0_2_REV_A"),
          QStringLiteral("RP001_V1_0_2")}},
        {QStringLiteral("PHY_V1_0_2_REV_B"),
         {QStringLiteral("1.0.2-b"), QStringLiteral("V1_0_2_REV_B"), QStringLiteral("RP001_V1_0_2_REV_B")}},
        {QStringLiteral("PHY_V1_0_3_REV_A"),
         {QStringLiteral("1.0.3-a"), QStringLiteral("V1_0_3_REV_A"), QStringLiteral("RP001_V1_0_3_REV_A")}},
        {QStringLiteral("PHY_V1_1_REV_A"),
         {QStringLiteral("1.1-a"), QStringLiteral("1.1.0-a"), QStringLiteral("V1_1_REV_A"),
          QStringLiteral("RP001_V1_1_REV_A")}},
        {QStringLiteral("PHY_V1_1_REV_B"),
         {QStringLiteral("1.1-b"), QStringLiteral("1.1.0-b"), QStringLiteral("V1_1_REV_B"),
          QStringLiteral("RP001_V1_1_REV_B")}},
        {QStringLiteral("RP002_V1_0_0"), {}},
        {QStringLiteral("RP002_V1_0_1"), {}},
        {QStringLiteral("RP002_V1_0_2"), {}},
        {QStringLiteral("RP002_V1_0_3"), {}},
        {QStringLiteral("RP002_V1_0_4"), {}},
    };
    return entries;
}

// Returns the entry and the accepted spelling of `value`.
const VersionEntry *find(const QList<VersionEntry> &entries, const QString &value, QString *spelling)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return nullptr;
    for (const VersionEntry &entry : entries) {
        if (entry.name.compare(trimmed, Qt::CaseInsensitive) == 0) {
            if (spelling)
                *spelling = entry.name;
            return &entry;
        }
        for (const QString &alias : entry.aliases) {
            if (alias.compare(trimmed, Qt::CaseInsensitive) == 0) {
                if (spelling)
                    *spelling = alias;
                return &entry;
            }
        }
    }
    return nullptr;
}

QStringList shortAliases(const QList<VersionEntry> &entries)
{
    QStringList aliases;
    for (const VersionEntry &entry : entries) {
        for (const QString &alias : entry.aliases) {
            if (alias.front().isDigit())
                aliases.append(alias);
        }
    }
    return aliases;
}

} // namespace

QString TtsLorawanVersions::macVersionName(const QString &aliasOrName)
{
    const VersionEntry *entry = find(macVersions(), aliasOrName, nullptr);
    return entry ? entry->name : QString();
}

QString TtsLorawanVersions::phyVersionName(const QString &aliasOrName)
{
    const VersionEntry *entry = find(phyVersions(), aliasOrName, nullptr);
    return entry ? entry->name : QString();
}

QString TtsLorawanVersions::macVersionSpelling(const QString &aliasOrName)
{
    QString spelling;
    return find(macVersions(), aliasOrName, &spelling) ? spelling : QString();
}

QString TtsLorawanVersions::phyVersionSpelling(const QString &aliasOrName)
{
    QString spelling;
    return find(phyVersions(), aliasOrName, &spelling) ? spelling : QString();
}

QStringList TtsLorawanVersions::macVersionAliases()
{
    return shortAliases(macVersions());
}

QStringList TtsLorawanVersions::phyVersionAliases()
{
    QStringList aliases = shortAliases(phyVersions());
    aliases.append(QStringLiteral("RP002_V1_0_0…RP002_V1_0_4"));
    return aliases;
}

bool TtsLorawanVersions::usesNwkKey(const QString &macVersionName)
{
    return macVersionName == QLatin1String("MAC_V1_1");
}

} // namespace TwinBridge
