'use strict';
// azure-iot-device twin over MQTT: get the twin, update reported properties (checked through the service
// REST API), receive desired-property updates the service makes.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const sb = require('../lib/sandbox');

const registry = sb.registry();
after(() => sb.closeAgent());

async function connectedDevice(prefix) {
    const deviceId = sb.uniqueId(prefix);
    const { responseBody } = await registry.create({ deviceId });
    const client = sb.deviceClientFromConnectionString(deviceId, responseBody.authentication.symmetricKey.primaryKey);
    await client.open();
    return { deviceId, client };
}

function updateReported(twin, patch) {
    return new Promise((resolve, reject) => {
        twin.properties.reported.update(patch, (error) => (error ? reject(error) : resolve()));
    });
}

test('the device reads its twin: desired and reported with their $version', async () => {
    const deviceId = sb.uniqueId('twin-get');
    const { responseBody } = await registry.create({ deviceId });
    const { responseBody: serviceTwin } = await registry.getTwin(deviceId);
    await registry.updateTwin(deviceId, { tags: { site: 'lab' }, properties: { desired: { interval: 30 } } },
        serviceTwin.etag);

    const client = sb.deviceClientFromConnectionString(deviceId, responseBody.authentication.symmetricKey.primaryKey);
    try {
        await client.open();
        const twin = await client.getTwin();
        assert.equal(twin.properties.desired.interval, 30);
        assert.equal(twin.properties.desired.$version, 2);
        assert.equal(twin.properties.reported.$version, 1);
        assert.equal(twin.properties.desired.$metadata, undefined, 'the device twin has no metadata');
        assert.equal(twin.tags, undefined, 'devices do not see tags');
    } finally {
        await client.close();
    }
});

test('reported properties the device patches show in the service twin, nulls remove them', async () => {
    const { deviceId, client } = await connectedDevice('twin-reported');
    try {
        const twin = await client.getTwin();
        await updateReported(twin, { firmware: '1.2.3', battery: { level: 87, charging: false } });
        await updateReported(twin, { battery: { charging: null }, lastSeenAt: '2026-01-01T00:00:00Z' });

        const { responseBody } = await registry.getTwin(deviceId);
        const reported = responseBody.properties.reported;
        assert.equal(reported.firmware, '1.2.3');
        assert.deepEqual(reported.battery, { level: 87 });
        assert.equal(reported.lastSeenAt, '2026-01-01T00:00:00Z');
        assert.equal(reported.$version, 3);
        assert.ok(reported.$metadata.$lastUpdated);
        assert.ok(reported.$metadata.battery.level.$lastUpdated);
        assert.equal(reported.$metadata.battery.charging, undefined);

        // The device's own view agrees after a fresh GET.
        await new Promise((resolve, reject) => twin.get((error) => (error ? reject(error) : resolve())));
        assert.equal(twin.properties.reported.$version, 3);
        assert.equal(twin.properties.reported.battery.level, 87);
    } finally {
        await client.close();
    }
});

test('a reported patch that breaks the twin rules is refused with 400', async () => {
    const { client } = await connectedDevice('twin-bad');
    try {
        const twin = await client.getTwin();
        await assert.rejects(updateReported(twin, { 'bad$key': 1 }));
        // The connection survives a refused patch.
        await updateReported(twin, { ok: true });
    } finally {
        await client.close();
    }
});

test('desired-property changes made by the service reach the connected device', async () => {
    const { deviceId, client } = await connectedDevice('twin-desired');
    try {
        const twin = await client.getTwin();
        const patches = [];
        let notify;
        twin.on('properties.desired', (patch) => {
            patches.push(patch);
            if (notify) notify();
        });
        const waitFor = (count) => sb.eventually(async () => patches.length >= count, `${count} desired patches`);
        await waitFor(1); // the SDK emits the full desired section once when the listener is added

        const { responseBody: current } = await registry.getTwin(deviceId);
        await registry.updateTwin(deviceId, { properties: { desired: { interval: 60, mode: { eco: true } } } },
            current.etag);
        await waitFor(2);
        assert.equal(patches[1].interval, 60);
        assert.deepEqual(patches[1].mode, { eco: true });
        assert.equal(patches[1].$version, current.properties.desired.$version + 1);

        const { responseBody: next } = await registry.getTwin(deviceId);
        await registry.updateTwin(deviceId, { properties: { desired: { mode: null } } }, next.etag);
        await waitFor(3);
        assert.equal(patches[2].mode, null);
        assert.equal(patches[2].$version, current.properties.desired.$version + 2);
        assert.equal(twin.properties.desired.interval, 60);
        assert.equal(twin.properties.desired.mode, undefined);
    } finally {
        await client.close();
    }
});
