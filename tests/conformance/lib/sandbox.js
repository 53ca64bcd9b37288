'use strict';
// What every conformance test needs to reach the running sandbox with Microsoft's SDKs, unchanged:
//  - the sandbox's sandbox.json (path in TWINBRIDGE_SANDBOX_JSON, set by run.js);
//  - the service SDK (azure-iothub) with an HTTPS agent that opens its connections to the sandbox's REST
//    port while the request keeps the hub's host name (Host header, SNI, certificate check, SAS `sr`);
//  - the device SDK (azure-iot-device + azure-iot-device-mqtt) through the connection string's
//    GatewayHostName ("127.0.0.1:<port>"), which the MQTT transport uses as the broker address
//    (mqtts://{GatewayHostName}) while the user name and the token keep HostName;
//  - the admin API over plain HTTP.
// TLS verification stays on everywhere: run.js puts the sandbox CA into NODE_EXTRA_CA_CERTS.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const tls = require('node:tls');

const { Registry } = require('azure-iothub');
// The service SDK's own REST client (azure-iothub ships it in dist/common-http; the package exports no other).
const { RestApiClient } = require('azure-iothub/dist/common-http/rest_api_client');
const { Client, SharedAccessSignatureAuthenticationProvider } = require('azure-iot-device');
const { Mqtt } = require('azure-iot-device-mqtt');

function config() {
    const file = process.env.TWINBRIDGE_SANDBOX_JSON;
    assert.ok(file, 'TWINBRIDGE_SANDBOX_JSON is not set: run the tests through run.js');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const rest = new URL(json.iotHub.rest);
    return {
        hostName: json.iotHub.hostName,
        restHost: rest.hostname,
        restPort: Number(rest.port),
        mqttGateway: `${json.iotHub.mqtt.host}:${json.iotHub.mqtt.port}`,
        policyName: json.iotHub.policyName,
        policyKey: json.iotHub.policyKey,
        admin: json.admin,
    };
}

const sandbox = config();

// A unique device id per test run, so the test files can share one sandbox.
function uniqueId(prefix) {
    return `${prefix}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
}

// IoT Hub's SAS: HMAC-SHA256 over "{url-encoded resource}\n{expiry}" with the base64 key.
function signSas(resource, keyBase64, keyName, ttlSeconds = 3600) {
    const expiry = Math.floor(Date.now() / 1000) + ttlSeconds;
    const encoded = encodeURIComponent(resource);
    const signature = crypto.createHmac('sha256', Buffer.from(keyBase64, 'base64'))
        .update(`${encoded}\n${expiry}`)
        .digest('base64');
    let token = `SharedAccessSignature sr=${encoded}&sig=${encodeURIComponent(signature)}&se=${expiry}`;
    if (keyName) token += `&skn=${encodeURIComponent(keyName)}`;
    return token;
}

// An HTTPS agent for the service SDK: the socket goes to the sandbox's REST port, TLS still verifies the
// certificate against the hub's host name (servername), which the sandbox certificate covers.
class SandboxAgent extends https.Agent {
    createConnection(options, callback) {
        return tls.connect({
            ...options,
            host: sandbox.restHost,
            port: sandbox.restPort,
            servername: options.servername || sandbox.hostName,
        }, callback);
    }
}
const agent = new SandboxAgent({ keepAlive: true });

// The Registry constructor takes the REST client as its second argument and hands it its own keep-alive
// agent through setOptions({http: {agent}}); this client keeps the sandbox agent instead.
class SandboxRestApiClient extends RestApiClient {
    setOptions(options) {
        super.setOptions({ ...options, http: { ...(options && options.http), agent } });
    }
}

function serviceConnectionString() {
    return `HostName=${sandbox.hostName};SharedAccessKeyName=${sandbox.policyName};` +
        `SharedAccessKey=${sandbox.policyKey}`;
}

// The Registry exactly as Registry.fromConnectionString builds it (a SAS of the sandbox.json policy unless
// another token is given), with the sandbox agent.
function registry(sharedAccessSignature) {
    const cfg = {
        host: sandbox.hostName,
        sharedAccessSignature: sharedAccessSignature || signSas(sandbox.hostName, sandbox.policyKey, sandbox.policyName),
    };
    const version = require('azure-iothub/package.json').version;
    return new Registry(cfg, new SandboxRestApiClient(cfg, `azure-iothub/${version}`));
}

// "HostName=…;DeviceId=…;SharedAccessKey=…;GatewayHostName=127.0.0.1:<port>"
function deviceConnectionString(deviceId, primaryKey) {
    return `HostName=${sandbox.hostName};DeviceId=${deviceId};SharedAccessKey=${primaryKey};` +
        `GatewayHostName=${sandbox.mqttGateway}`;
}

function deviceClientFromConnectionString(deviceId, primaryKey) {
    return Client.fromConnectionString(deviceConnectionString(deviceId, primaryKey), Mqtt);
}

// A device client with a SAS signed by a shared access policy (skn = the policy). Client.fromSharedAccessSignature
// parses the host from the token and has no gateway; the SDK's public way to add one is an authentication
// provider carrying the same credentials plus gatewayHostName (Client.fromAuthenticationProvider).
function deviceClientFromPolicySas(deviceId, policyName, policyKey) {
    const sas = signSas(`${sandbox.hostName}/devices/${deviceId}`, policyKey, policyName);
    const provider = new SharedAccessSignatureAuthenticationProvider({
        host: sandbox.hostName,
        deviceId,
        sharedAccessSignature: sas,
        gatewayHostName: sandbox.mqttGateway,
    });
    return { client: Client.fromAuthenticationProvider(provider, Mqtt), sas };
}

async function admin(method, path, body) {
    const response = await fetch(`${sandbox.admin}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function adminGet(path) {
    const { status, body } = await admin('GET', path);
    assert.equal(status, 200, `GET ${path}: ${JSON.stringify(body)}`);
    return body;
}

async function hubPolicy(keyName) {
    const hub = await adminGet(`/hubs/${hubName()}`);
    const policy = hub.policies.find((p) => p.keyName === keyName);
    assert.ok(policy, `the hub has a policy ${keyName}`);
    return policy;
}

function hubName() {
    return sandbox.hostName.split('.')[0];
}

// Polls `probe` until it returns a truthy value (the awaited result) or the time is up.
async function eventually(probe, what, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
        last = await probe();
        if (last) return last;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

// Waits for one emission of `event` on `emitter`.
function once(emitter, event, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
        emitter.once(event, (...args) => {
            clearTimeout(timer);
            resolve(args.length > 1 ? args : args[0]);
        });
    });
}

function closeAgent() {
    agent.destroy();
}

module.exports = {
    sandbox,
    uniqueId,
    signSas,
    serviceConnectionString,
    registry,
    deviceConnectionString,
    deviceClientFromConnectionString,
    deviceClientFromPolicySas,
    admin,
    adminGet,
    hubPolicy,
    hubName,
    eventually,
    once,
    closeAgent,
};
