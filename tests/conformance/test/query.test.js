'use strict';
// azure-iothub queries: a small page size walks the x-ms-continuation chain (twins and projections), COUNT().

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const sb = require('../lib/sandbox');

const registry = sb.registry();
after(() => sb.closeAgent());

const tag = sb.uniqueId('q').replace(/-/g, '_');
const ids = Array.from({ length: 11 }, (_, i) => `${tag}-${i}`);

test('set up: 11 devices tagged for this run', async () => {
    await registry.addDevices(ids.map((deviceId) => ({ deviceId })));
    for (const [i, deviceId] of ids.entries()) {
        await registry.updateTwin(deviceId, { tags: { run: tag, index: i, even: i % 2 === 0 } }, '*');
    }
});

test('nextAsTwin with page size 3 walks every page once', async () => {
    const query = registry.createQuery(`SELECT * FROM devices WHERE tags.run = '${tag}'`, 3);
    const seen = [];
    let pages = 0;
    while (query.hasMoreResults) {
        const { result, message } = await query.nextAsTwin();
        pages += 1;
        assert.ok(result.length <= 3, `page ${pages} has ${result.length} items`);
        for (const twin of result) {
            assert.equal(twin.constructor.name, 'Twin');
            assert.equal(twin.tags.run, tag);
            seen.push(twin.deviceId);
        }
        if (query.hasMoreResults) assert.ok(message.headers['x-ms-continuation']);
        assert.ok(pages <= 10, 'the continuation chain ends');
    }
    assert.equal(pages, 4);
    assert.deepEqual([...seen].sort(), [...ids].sort());
    assert.equal(new Set(seen).size, ids.length, 'no device twice');
});

test('next with a projection and a filter on tags', async () => {
    const query = registry.createQuery(
        `SELECT deviceId, tags.index FROM devices WHERE tags.run = '${tag}' AND tags.even = true`, 2);
    const rows = [];
    let pages = 0;
    while (query.hasMoreResults) {
        // Query.next() without arguments replaces the saved continuation token with `undefined` (an SDK
        // quirk; nextAsTwin() does not): pass it explicitly.
        const { result } = await query.next(query.continuationToken);
        rows.push(...result);
        assert.ok(++pages <= 10, 'the continuation chain ends');
    }
    assert.equal(pages, 3);
    assert.equal(rows.length, 6);
    for (const row of rows) {
        assert.ok(ids.includes(row.deviceId));
        assert.equal(row.index % 2, 0);
        assert.equal(row.tags, undefined);
    }
});

test('COUNT() is one raw item', async () => {
    const query = registry.createQuery(`SELECT COUNT() AS n FROM devices WHERE tags.run = '${tag}' AND tags.even = false`);
    const { result, message } = await query.next();
    assert.deepEqual(result, [{ n: 5 }]);
    assert.equal(message.headers['x-ms-item-type'], 'raw');
    assert.equal(query.hasMoreResults, false);
});

test('an invalid query is a 400 ArgumentError', async () => {
    const query = registry.createQuery('SELECT FROM WHERE');
    await assert.rejects(query.next(), { name: 'ArgumentError' });
});
