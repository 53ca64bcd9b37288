'use strict';
// @azure/identity (MSAL Node underneath) against the sandbox's Entra ID stand-in, unchanged except for the
// options every sovereign or private authority needs: authorityHost = sandbox.json azure.authority and
// disableInstanceDiscovery (MSAL then reads the tenant's OpenID metadata from the sandbox and nothing from
// Microsoft). TLS verification stays on (NODE_EXTRA_CA_CERTS). Device codes are approved or denied through the
// admin API from the credential's userPromptCallback, as a user would in the browser.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { ClientSecretCredential, DeviceCodeCredential } = require('@azure/identity');
const sb = require('../lib/sandbox');

const azure = JSON.parse(fs.readFileSync(process.env.TWINBRIDGE_SANDBOX_JSON, 'utf8')).azure;
const ARM_SCOPE = 'https://management.azure.com/.default';
const options = { authorityHost: azure.authority, disableInstanceDiscovery: true };
let savedSettings;

before(async () => {
    assert.ok(azure, 'sandbox.json has an azure section');
    savedSettings = await sb.adminGet('/entra/settings');
    // One second between polls keeps the device code tests short (MSAL polls at the interval it is given).
    const { status } = await sb.admin('POST', '/entra/settings', { pollIntervalSeconds: 1, autoApproveAfterPolls: null });
    assert.equal(status, 200);
});

after(async () => {
    await sb.admin('POST', '/entra/settings', savedSettings);
    sb.closeAgent();
});

function decodeJwt(token) {
    const parts = token.split('.');
    assert.equal(parts.length, 3, 'a JWT has three parts');
    return {
        header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
        claims: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
        signingInput: `${parts[0]}.${parts[1]}`,
        signature: Buffer.from(parts[2], 'base64url'),
    };
}

// Checks the RS256 signature with the key the tenant publishes (jwks_uri of its OpenID metadata), with
// Node's own crypto — independent of the sandbox's code.
async function verifyWithPublishedKey(token) {
    const metadataResponse = await fetch(`${azure.authority}/${azure.tenantId}/v2.0/.well-known/openid-configuration`);
    assert.equal(metadataResponse.status, 200);
    const metadata = await metadataResponse.json();
    assert.equal(metadata.issuer, `https://login.microsoftonline.com/${azure.tenantId}/v2.0`);
    const jwks = await (await fetch(metadata.jwks_uri)).json();
    const jwt = decodeJwt(token);
    assert.equal(jwt.header.alg, 'RS256');
    const jwk = jwks.keys.find((key) => key.kid === jwt.header.kid);
    assert.ok(jwk, `the JWKS has the key ${jwt.header.kid}`);
    const key = crypto.createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
    assert.ok(crypto.verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature), 'the signature verifies');
    return jwt.claims;
}

async function deviceCode(userCode) {
    const { deviceCodes } = await sb.adminGet('/entra/device-codes');
    return deviceCodes.find((code) => code.userCode === userCode);
}

function deviceCodeCredential(onPrompt) {
    return new DeviceCodeCredential({
        ...options,
        tenantId: azure.tenantId,
        clientId: azure.clientId,
        userPromptCallback: (info) => onPrompt(info),
    });
}

test('ClientSecretCredential gets a Resource Manager token for the service principal', async () => {
    const credential = new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret, options);
    const before = Date.now();
    const token = await credential.getToken(ARM_SCOPE);
    assert.ok(token.token);
    const lifetime = token.expiresOnTimestamp - before;
    assert.ok(lifetime > 3500 * 1000 && lifetime <= 3600 * 1000, `expires in about an hour (${lifetime} ms)`);

    const claims = await verifyWithPublishedKey(token.token);
    assert.equal(claims.aud, 'https://management.azure.com');
    assert.equal(claims.iss, `https://login.microsoftonline.com/${azure.tenantId}/v2.0`);
    assert.equal(claims.tid, azure.tenantId);
    assert.equal(claims.azp, azure.clientId);
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.ver, '2.0');
    assert.equal(claims.scp, undefined);
    assert.ok(claims.oid && claims.sub === claims.oid);
    assert.ok(claims.nbf <= claims.iat + 1 && claims.exp > claims.iat);

    const { tokens } = await sb.adminGet('/entra/tokens');
    const issued = tokens.find((entry) => entry.id === claims.uti);
    assert.ok(issued, 'the admin API lists the token by its uti');
    assert.equal(issued.grantType, 'client_credentials');
    assert.equal(JSON.stringify(tokens).includes(token.token), false, 'no token value in the admin API');
});

test('ClientSecretCredential with a wrong secret fails with AADSTS7000215', async () => {
    const credential = new ClientSecretCredential(azure.tenantId, azure.clientId, `${azure.clientSecret}x`, options);
    await assert.rejects(credential.getToken(ARM_SCOPE), (error) => {
        assert.match(error.message, /invalid_client/);
        assert.match(error.message, /AADSTS7000215/);
        return true;
    });
});

test('ClientSecretCredential for a resource the tenant does not have fails with AADSTS500011', async () => {
    const credential = new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret, options);
    await assert.rejects(credential.getToken('https://vault.example.com/.default'), (error) => {
        assert.match(error.message, /AADSTS500011/);
        return true;
    });
});

test('DeviceCodeCredential: the code is approved through the admin API and the user gets a token', async () => {
    let prompt;
    const credential = deviceCodeCredential(async (info) => {
        prompt = info;
        const { status, body } = await sb.admin('POST', `/entra/device-codes/${info.userCode}/approve`);
        assert.equal(status, 200, JSON.stringify(body));
    });
    const record = await credential.authenticate(ARM_SCOPE);
    assert.match(prompt.userCode, /^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/);
    assert.equal(prompt.verificationUri, `${azure.authority}/devicelogin`);
    assert.match(prompt.message, new RegExp(`enter the code ${prompt.userCode} to authenticate`));
    assert.equal(record.username, 'sandbox.user@twinbridgesandbox.onmicrosoft.com');
    assert.equal(record.tenantId, azure.tenantId);

    const token = await credential.getToken(ARM_SCOPE);
    const claims = await verifyWithPublishedKey(token.token);
    assert.equal(claims.aud, 'https://management.azure.com');
    assert.equal(claims.scp, 'user_impersonation');
    assert.equal(claims.idtyp, 'user');
    assert.equal(claims.preferred_username, record.username);
    assert.equal(record.homeAccountId, `${claims.oid}.${claims.tid}`, 'client_info names the user');
    assert.equal((await deviceCode(prompt.userCode)).status, 'redeemed');
});

test('DeviceCodeCredential: another resource is redeemed with the rotated refresh token', async () => {
    const credential = deviceCodeCredential(async (info) => {
        await sb.admin('POST', `/entra/device-codes/${info.userCode}/approve`);
    });
    await credential.getToken(ARM_SCOPE);
    const before = (await sb.adminGet('/entra/tokens')).tokens.filter((t) => t.type === 'refresh_token');

    // No cached token for this resource: MSAL redeems its refresh token silently (no second prompt).
    const token = await credential.getToken('https://management.core.windows.net//.default');
    const claims = decodeJwt(token.token).claims;
    assert.equal(claims.aud, 'https://management.core.windows.net/');

    const after = (await sb.adminGet('/entra/tokens')).tokens.filter((t) => t.type === 'refresh_token');
    assert.equal(after.length, before.length + 1, 'a new refresh token replaced the used one');
    const used = after.find((t) => t.id === before[before.length - 1].id);
    assert.equal(used.redeemed, true, 'the old refresh token is spent');
    assert.equal(after[after.length - 1].grantType, 'refresh_token');
});

test('DeviceCodeCredential: a declined code fails with authorization_declined', async () => {
    const credential = deviceCodeCredential(async (info) => {
        await sb.admin('POST', `/entra/device-codes/${info.userCode}/deny`);
    });
    await assert.rejects(credential.getToken(ARM_SCOPE), (error) => {
        assert.match(error.message, /authorization_declined/);
        return true;
    });
});

test('DeviceCodeCredential: a code that expires fails with expired_token', async () => {
    const credential = deviceCodeCredential(async (info) => {
        await sb.admin('POST', `/entra/device-codes/${info.userCode}/expire`);
    });
    await assert.rejects(credential.getToken(ARM_SCOPE), (error) => {
        assert.match(error.message, /expired_token/);
        return true;
    });
});

test('DeviceCodeCredential: auto-approval after two polls', async () => {
    const { status } = await sb.admin('POST', '/entra/settings', { autoApproveAfterPolls: 2 });
    assert.equal(status, 200);
    let userCode;
    const credential = deviceCodeCredential((info) => {
        userCode = info.userCode;
    });
    try {
        const token = await credential.getToken(ARM_SCOPE);
        assert.equal(decodeJwt(token.token).claims.scp, 'user_impersonation');
        const code = await deviceCode(userCode);
        assert.equal(code.status, 'redeemed');
        assert.equal(code.polls, 3);
    } finally {
        await sb.admin('POST', '/entra/settings', { autoApproveAfterPolls: null });
    }
});

test('DeviceCodeCredential: the slow_down fault reaches the client', async () => {
    // MSAL Node retries only authorization_pending; slow_down (RFC 8628, which Entra does not send) ends its
    // sign-in. The engine's DeviceCodeCredential and MSAL Python wait 5 s longer instead (see docs/sandbox-entra.md).
    const { status } = await sb.admin('POST', '/entra/settings', { slowDownPolls: 1 });
    assert.equal(status, 200);
    let userCode;
    const credential = deviceCodeCredential((info) => {
        userCode = info.userCode;
    });
    try {
        await assert.rejects(credential.getToken(ARM_SCOPE), (error) => {
            assert.match(error.message, /slow_down/);
            return true;
        });
        const code = await deviceCode(userCode);
        assert.equal(code.polls, 1);
        assert.equal(code.intervalSeconds, 6, 'the code\'s interval grew by 5 s');
        assert.equal((await sb.adminGet('/entra/settings')).slowDownPolls, 0, 'the fault was used up');
    } finally {
        await sb.admin('POST', '/entra/settings', { slowDownPolls: 0 });
    }
});
