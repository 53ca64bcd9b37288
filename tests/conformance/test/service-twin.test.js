'use strict';
// azure-iothub twins: get, update with the twin's etag, the 412 path for a stale etag, Twin.update/get, and
// the metadata and versions the service sees. (This SDK has no replaceTwin.)

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const sb = require('../lib/sandbox');

const registry = sb.registry();
after(() => sb.closeAgent());

test('get and update a twin with its etag; a stale etag gets 412', async () => {
    const deviceId = sb.uniqueId('twin-etag');
    await registry.create({ deviceId });

    const { responseBody: twin, httpResponse } = await registry.getTwin(deviceId);
    assert.equal(httpResponse.statusCode, 200);
    assert.equal(twin.deviceId, deviceId);
    assert.ok(twin.etag);
    assert.equal(twin.version, 1);
    assert.equal(twin.properties.desired.$version, 1);
    assert.equal(twin.properties.reported.$version, 1);

    const patched = await registry.updateTwin(deviceId,
        { tags: { building: '43', floor: 1 }, properties: { desired: { telemetryInterval: 15 } } }, twin.etag);
    assert.equal(patched.responseBody.tags.building, '43');
    assert.equal(patched.responseBody.properties.desired.telemetryInterval, 15);
    assert.equal(patched.responseBody.properties.desired.$version, 2);
    assert.ok(patched.responseBody.properties.desired.$metadata.telemetryInterval.$lastUpdated);
    assert.equal(patched.responseBody.properties.desired.$metadata.telemetryInterval.$lastUpdatedVersion, 2);
    assert.notEqual(patched.responseBody.etag, twin.etag);

    await assert.rejects(
        registry.updateTwin(deviceId, { tags: { building: '44' } }, twin.etag),
        (error) => {
            assert.equal(error.name, 'InvalidEtagError');
            assert.equal(error.response.statusCode, 412);
            assert.equal(error.response.headers['iothub-errorcode'], 'PreconditionFailed');
            return true;
        });
    assert.equal((await registry.getTwin(deviceId)).responseBody.tags.building, '43');

    // "*" matches any etag.
    const anyEtag = await registry.updateTwin(deviceId, { tags: { floor: null } }, '*');
    assert.equal(anyEtag.responseBody.tags.floor, undefined);
});

test('Twin.get and Twin.update keep the etag current', async () => {
    const deviceId = sb.uniqueId('twin-object');
    await registry.create({ deviceId });
    const { responseBody: twin } = await registry.getTwin(deviceId);
    const firstEtag = twin.etag;

    await twin.update({ tags: { owner: 'ops' } });
    assert.notEqual(twin.etag, firstEtag);
    assert.equal(twin.tags.owner, 'ops');
    await twin.update({ properties: { desired: { threshold: { high: 30, low: 10 } } } });
    assert.equal(twin.properties.desired.threshold.high, 30);

    const etagAfterUpdates = twin.etag;
    await twin.get();
    assert.equal(twin.etag, etagAfterUpdates);
    assert.equal(twin.properties.desired.$version, 2);
    assert.equal(twin.tags.owner, 'ops');
    // Twin.get copies only properties, tags and etag; the twin version is in the service answer.
    assert.equal((await registry.getTwin(deviceId)).responseBody.version, 3);
});

test('twins of unknown devices and invalid patches give the SDK errors', async () => {
    await assert.rejects(registry.getTwin(sb.uniqueId('twin-none')), { name: 'DeviceNotFoundError' });
    const deviceId = sb.uniqueId('twin-invalid');
    await registry.create({ deviceId });
    await assert.rejects(registry.updateTwin(deviceId, { tags: { 'bad key': 1, 'a.b': 2 } }, '*'),
        { name: 'ArgumentError' });
});
