// EntraStandIn::validateAccessToken, which the ARM stand-in authorizes its calls with: the tokens the stand-in
// issues pass for every form of Resource Manager's audience, and every other token is refused with ARM's 401 codes
// (InvalidAuthenticationToken, ExpiredAuthenticationToken, InvalidAuthenticationTokenAudience).

#include "EntraTestSupport.h"

using namespace EntraTest;

class TestEntraTokenValidation : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void validation_data();
    void validation();
    void claimsOfADelegatedToken();

private:
    QString makeToken(const QString &kind);

    std::unique_ptr<Fixture> m_f;
};

void TestEntraTokenValidation::init()
{
    m_f = std::make_unique<Fixture>();
}

QString TestEntraTokenValidation::makeToken(const QString &kind)
{
    const auto accessToken = [](const QJsonObject &answer) {
        return answer.value(QStringLiteral("access_token")).toString();
    };
    if (kind == QLatin1String("app") || kind == QLatin1String("expired"))
        return accessToken(json(m_f->clientCredentials()));
    if (kind == QLatin1String("user"))
        return accessToken(m_f->signIn());
    if (kind == QLatin1String("graph"))
        return accessToken(m_f->signIn(QStringLiteral("openid profile")));
    if (kind == QLatin1String("tampered")) {
        // Another audience in the claims, the original signature.
        const QStringList parts = accessToken(json(m_f->clientCredentials())).split(QLatin1Char('.'));
        QJsonObject claims = jwtClaims(parts.join(QLatin1Char('.')));
        claims.insert(QStringLiteral("oid"), QStringLiteral("00000000-0000-4000-8000-000000000000"));
        const QString payload =
            QString::fromLatin1(QJsonDocument(claims)
                                    .toJson(QJsonDocument::Compact)
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        return parts.at(0) + QLatin1Char('.') + payload + QLatin1Char('.') + parts.at(2);
    }
    if (kind == QLatin1String("foreign")) {
        // A well-formed token of another stand-in (another signing key).
        Fixture other;
        return accessToken(json(other.clientCredentials()));
    }
    return QStringLiteral("not.a-jwt");
}

void TestEntraTokenValidation::validation_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("code"); // empty: valid

    const QString arm = QLatin1String(AzureDefaults::ArmResource);
    QTest::addRow("app token") << QStringLiteral("app") << arm << QString();
    QTest::addRow("trailing slash") << QStringLiteral("app") << arm + QLatin1Char('/') << QString();
    QTest::addRow("legacy ARM URI") << QStringLiteral("app") << QStringLiteral("https://management.core.windows.net/")
                                    << QString();
    QTest::addRow("ARM app id") << QStringLiteral("app") << QString::fromLatin1(AzureDefaults::ArmResourceAppId)
                                << QString();
    QTest::addRow("user token") << QStringLiteral("user") << arm << QString();
    QTest::addRow("another API") << QStringLiteral("app") << QStringLiteral("https://vault.azure.net")
                                 << QStringLiteral("InvalidAuthenticationTokenAudience");
    QTest::addRow("Graph token") << QStringLiteral("graph") << arm
                                 << QStringLiteral("InvalidAuthenticationTokenAudience");
    QTest::addRow("expired") << QStringLiteral("expired") << arm << QStringLiteral("ExpiredAuthenticationToken");
    QTest::addRow("tampered") << QStringLiteral("tampered") << arm << QStringLiteral("InvalidAuthenticationToken");
    QTest::addRow("other signer") << QStringLiteral("foreign") << arm << QStringLiteral("InvalidAuthenticationToken");
    QTest::addRow("not a JWT") << QStringLiteral("garbage") << arm << QStringLiteral("InvalidAuthenticationToken");
}

void TestEntraTokenValidation::validation()
{
    QFETCH(QString, kind);
    QFETCH(QString, audience);
    QFETCH(QString, code);

    const QString token = makeToken(kind);
    QVERIFY(!token.isEmpty());
    if (kind == QLatin1String("expired")) {
        m_f->clock.advance(std::chrono::seconds(3598));
        QVERIFY(m_f->entra.validateAccessToken(token, audience).ok());
        m_f->clock.advance(std::chrono::seconds(1));
    }
    const Result<EntraTokenClaims> result = m_f->entra.validateAccessToken(token, audience);
    if (code.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::Unauthorized);
    QCOMPARE(result.error().httpStatus(), 401);
    QCOMPARE(result.error().code(), code);
    QVERIFY(!result.error().message().contains(token)); // a token is a secret
    if (code == QLatin1String("InvalidAuthenticationTokenAudience")) {
        QVERIFY2(result.error().message().contains(QStringLiteral("wrong audience")),
                 qPrintable(result.error().message()));
    } else if (code == QLatin1String("ExpiredAuthenticationToken")) {
        // ARM's wording with its M/d/yyyy h:mm:ss AM/PM times.
        QCOMPARE(result.error().message(),
                 QStringLiteral("The access token expiry UTC time '1/1/2026 12:59:59 AM' is earlier than current UTC "
                                "time '1/1/2026 12:59:59 AM'."));
    }
}

void TestEntraTokenValidation::claimsOfADelegatedToken()
{
    const QString token = m_f->signIn().value(QStringLiteral("access_token")).toString();
    const Result<EntraTokenClaims> result =
        m_f->entra.validateAccessToken(token, QLatin1String(AzureDefaults::ArmResource));
    QVERIFY(result.ok());
    const EntraTokenClaims &claims = result.value();
    QCOMPARE(claims.tenantId, tenantId());
    QCOMPARE(claims.objectId, QLatin1String(AzureDefaults::UserObjectId));
    QCOMPARE(claims.clientId, clientId());
    QCOMPARE(claims.audience, QLatin1String(AzureDefaults::ArmResource));
    QCOMPARE(claims.scopes, QStringList {QStringLiteral("user_impersonation")});
    QVERIFY(!claims.appOnly);
    QCOMPARE(claims.userPrincipalName, QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(claims.issuedAt, m_f->clock.nowUtc());
    QCOMPARE(claims.expiresOn, m_f->clock.nowUtc().addSecs(3599));
    QCOMPARE(claims.tokenId, m_f->entra.issuedTokens().constFirst().id);
}

QTEST_GUILESS_MAIN(TestEntraTokenValidation)
#include "tst_entratokenvalidation.moc"
