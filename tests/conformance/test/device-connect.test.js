'use strict';
// azure-iot-device + azure-iot-device-mqtt: connect (device connection string, policy-signed SAS), send
// events with properties; what the hub recorded is read back through the admin API.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { Message } = require('azure-iot-device');
const sb = require('../lib/sandbox');

const registry = sb.registry();
after(() => sb.closeAgent());

async function createDevice(prefix) {
    const deviceId = sb.uniqueId(prefix);
    const { responseBody } = await registry.create({ deviceId });
    return { deviceId, primaryKey: responseBody.authentication.symmetricKey.primaryKey };
}

async function recordedMessages(deviceId) {
    const page = await sb.adminGet(`/hubs/${sb.hubName()}/messages?deviceId=${encodeURIComponent(deviceId)}`);
    return page.messages;
}

test('a device connects with its connection string and its telemetry arrives with every property', async () => {
    const { deviceId, primaryKey } = await createDevice('conn-string');
    const client = sb.deviceClientFromConnectionString(deviceId, primaryKey);
    try {
        await client.open();
        const deviceSeen = await registry.get(deviceId);
        assert.equal(deviceSeen.responseBody.connectionState, 'Connected');

        const message = new Message(JSON.stringify({ temperature: 21.5, unit: 'C' }));
        message.messageId = 'msg-1';
        message.correlationId = 'corr-1';
        message.contentType = 'application/json';
        message.contentEncoding = 'utf-8';
        message.userId = 'user-1';
        message.expiryTimeUtc = new Date(Date.now() + 3600 * 1000);
        message.properties.add('messageType', 'uplink');
        message.properties.add('with space', 'a&b=c/d');
        message.properties.add('dt-subject', 'thermostat1'); // the SDK sends it as $.sub
        const sent = await client.sendEvent(message);
        assert.equal(sent.constructor.name, 'MessageEnqueued');

        const plain = new Message('not json at all');
        plain.properties.add('kind', 'text');
        await client.sendEvent(plain);

        const messages = await sb.eventually(async () => {
            const all = await recordedMessages(deviceId);
            return all.length >= 2 ? all : null;
        }, 'two recorded messages');
        const [json, text] = messages;
        assert.deepEqual(json.body, { temperature: 21.5, unit: 'C' });
        assert.equal(json.source, 'DeviceMessages');
        assert.equal(json.deviceId, deviceId);
        assert.equal(json.systemProperties['message-id'], 'msg-1');
        assert.equal(json.systemProperties['correlation-id'], 'corr-1');
        assert.equal(json.systemProperties['content-type'], 'application/json');
        assert.equal(json.systemProperties['content-encoding'], 'utf-8');
        assert.equal(json.systemProperties['iothub-connection-device-id'], deviceId);
        assert.equal(json.systemProperties['user-id'], 'user-1');
        assert.equal(json.systemProperties['absolute-expiry-time'], message.expiryTimeUtc.toISOString());
        assert.equal(json.systemProperties['dt-subject'], 'thermostat1');
        assert.deepEqual(json.applicationProperties, { messageType: 'uplink', 'with space': 'a&b=c/d' });

        assert.equal(text.bodyText, 'not json at all');
        assert.equal(Buffer.from(text.bodyBase64, 'base64').toString(), 'not json at all');
        assert.deepEqual(text.applicationProperties, { kind: 'text' });
        assert.ok(text.sequenceNumber > json.sequenceNumber);
    } finally {
        await client.close();
    }
    const afterClose = await sb.eventually(async () => {
        const { responseBody } = await registry.get(deviceId);
        return responseBody.connectionState === 'Disconnected' ? responseBody : null;
    }, 'the device to show as disconnected');
    assert.notEqual(afterClose.lastActivityTime, '0001-01-01T00:00:00Z');
});

test('a device connects with a SAS token signed by a shared access policy', async () => {
    const { deviceId } = await createDevice('policy-sas');
    const policy = await sb.hubPolicy('device');
    const { client, sas } = sb.deviceClientFromPolicySas(deviceId, policy.keyName, policy.primaryKey);
    assert.match(sas, /&skn=device$/);
    try {
        await client.open();
        const message = new Message(JSON.stringify({ hello: 'policy' }));
        message.properties.add('signedBy', 'policy');
        await client.sendEvent(message);
        const [recorded] = await sb.eventually(async () => {
            const all = await recordedMessages(deviceId);
            return all.length >= 1 ? all : null;
        }, 'the recorded message');
        assert.deepEqual(recorded.body, { hello: 'policy' });
        assert.deepEqual(recorded.applicationProperties, { signedBy: 'policy' });
    } finally {
        await client.close();
    }
});

test('a token signed with a wrong key is refused and the device stays disconnected', async () => {
    const { deviceId } = await createDevice('bad-key');
    const wrongKey = Buffer.alloc(32, 7).toString('base64');
    const client = sb.deviceClientFromConnectionString(deviceId, wrongKey);
    try {
        await assert.rejects(client.open(), (error) => {
            assert.match(`${error.name} ${error.message}`, /Unauthorized|not authorized|Connection refused/i);
            return true;
        });
    } finally {
        await client.close();
    }
    const { responseBody } = await registry.get(deviceId);
    assert.equal(responseBody.connectionState, 'Disconnected');
});

test('a policy without DeviceConnect cannot connect a device', async () => {
    const { deviceId } = await createDevice('no-connect');
    const policy = await sb.hubPolicy('registryRead');
    const { client } = sb.deviceClientFromPolicySas(deviceId, policy.keyName, policy.primaryKey);
    try {
        await assert.rejects(client.open());
    } finally {
        await client.close();
    }
});

test('after the hub drops every connection the SDK reconnects and telemetry and twin go on', async () => {
    const { deviceId, primaryKey } = await createDevice('dropped');
    const client = sb.deviceClientFromConnectionString(deviceId, primaryKey);
    try {
        await client.open();
        const twin = await client.getTwin();
        const { status, body } = await sb.admin('POST', `/hubs/${sb.hubName()}/faults`, { dropConnections: true });
        assert.equal(status, 200);
        assert.equal(body.connectionsDropped, true);
        await client.sendEvent(new Message('after the drop'));
        await new Promise((resolve, reject) => {
            twin.properties.reported.update({ reconnected: true }, (error) => (error ? reject(error) : resolve()));
        });
        const [recorded] = await recordedMessages(deviceId);
        assert.equal(recorded.bodyText, 'after the drop');
        assert.equal((await registry.getTwin(deviceId)).responseBody.properties.reported.reconnected, true);
        assert.equal((await registry.get(deviceId)).responseBody.connectionState, 'Connected');
    } finally {
        await client.close();
    }
});

test('a device that renews its SAS token (updateSharedAccessSignature) reconnects with it', async () => {
    const { deviceId } = await createDevice('renew-sas');
    const policy = await sb.hubPolicy('device');
    const { client } = sb.deviceClientFromPolicySas(deviceId, policy.keyName, policy.primaryKey);
    try {
        await client.open();
        const before = (await sb.adminGet(`/hubs/${sb.hubName()}/metrics`)).connects;
        const renewed = sb.signSas(`${sb.sandbox.hostName}/devices/${deviceId}`, policy.primaryKey, policy.keyName, 7200);
        await client.updateSharedAccessSignature(renewed);
        await client.sendEvent(new Message('after renewal'));
        const messages = await sb.eventually(async () => {
            const all = await recordedMessages(deviceId);
            return all.length >= 1 ? all : null;
        }, 'the message sent with the renewed token');
        assert.equal(messages[0].bodyText, 'after renewal');
        const after = (await sb.adminGet(`/hubs/${sb.hubName()}/metrics`)).connects;
        assert.ok(after > before, 'the renewal made a new connection');
    } finally {
        await client.close();
    }
});
