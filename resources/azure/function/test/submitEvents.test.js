'use strict';

// Unit tests of the SubmitEvents function (node --test): the request it builds, its settings checks, and that
// a non-2xx answer throws so that the Functions runtime retries. A real HTTP server on 127.0.0.1 plays the far
// side.

const assert = require('node:assert/strict');
const http = require('node:http');
const { test, describe, before, after, beforeEach } = require('node:test');

const handler = require('../SubmitEvents/index.js');
const { submitEvents, buildBatch, readSettings, eventsUrl, SubmitError } = handler;

const KEY = 'NNSXS.TESTKEY.SECRET-VALUE-0123456789';

const twinChange = {
    version: 7,
    properties: { desired: { rawDownlink: { fPort: 2, framePayload: '0102', confirmed: false }, $version: 5 } },
};
const lifecycle = { deviceId: 'dev-2', etag: 'AAAA', version: 1, properties: { desired: {}, reported: {} } };

function propertiesFor(deviceId, opType) {
    return {
        hubName: 'iothub-demo',
        deviceId,
        operationTimestamp: '2026-11-26T10:00:00.0000000Z',
        'iothub-message-schema': opType.endsWith('DeviceIdentity') ? 'deviceLifecycleNotification'
            : 'twinChangeNotification',
        opType,
    };
}

describe('far side over HTTP', () => {
    let server;
    let baseUrl;
    let requests;
    let answer;

    before(async () => {
        server = http.createServer((req, res) => {
            const chunks = [];
            req.on('data', (c) => chunks.push(c));
            req.on('end', () => {
                requests.push({ method: req.method, url: req.url, headers: req.headers,
                    body: Buffer.concat(chunks).toString('utf8') });
                res.writeHead(answer.status, { 'Content-Type': 'application/json' });
                res.end(answer.body);
            });
        });
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        baseUrl = `http://127.0.0.1:${server.address().port}/api/v3`;
    });
    after(() => new Promise((resolve) => server.close(resolve)));
    beforeEach(() => {
        requests = [];
        answer = { status: 200, body: '{}' };
    });

    function env(overrides = {}) {
        return { STACK_BASE_URL: baseUrl, STACK_APPLICATION_ID: 'demo-app', STACK_API_KEY: KEY, ...overrides };
    }

    test('posts one batch in the TTS contract with the Bearer key', async () => {
        const bindingData = { propertiesArray: [propertiesFor('dev-1', 'updateTwin'),
            propertiesFor('dev-2', 'createDeviceIdentity')] };
        const result = await submitEvents([JSON.stringify(twinChange), Buffer.from(JSON.stringify(lifecycle))],
            bindingData, env());
        assert.deepEqual(result, { submitted: 2, skipped: 0, status: 200 });
        assert.equal(requests.length, 1);
        const [request] = requests;
        assert.equal(request.method, 'POST');
        assert.equal(request.url, '/api/v3/as/applications/demo-app/packages/azureiothub/events');
        assert.equal(request.headers.authorization, `Bearer ${KEY}`);
        assert.equal(request.headers['content-type'], 'application/json; charset=utf-8');
        const body = JSON.parse(request.body);
        assert.deepEqual(Object.keys(body), ['events']);
        assert.equal(body.events.length, 2);
        assert.deepEqual(body.events[0], {
            end_device_ids: { application_ids: { application_id: 'demo-app' }, device_id: 'dev-1' },
            body: twinChange,
            properties: propertiesFor('dev-1', 'updateTwin'),
        });
        assert.equal(body.events[1].end_device_ids.device_id, 'dev-2');
        assert.deepEqual(body.events[1].body, lifecycle);
        assert.equal(body.events[1].properties.opType, 'createDeviceIdentity');
    });

    test('a trailing slash in STACK_BASE_URL does not double the slash', async () => {
        await submitEvents([twinChange], { propertiesArray: [propertiesFor('dev-1', 'updateTwin')] },
            env({ STACK_BASE_URL: `${baseUrl}/` }));
        assert.equal(requests[0].url, '/api/v3/as/applications/demo-app/packages/azureiothub/events');
    });

    for (const status of [400, 401, 404, 413, 429, 500, 503]) {
        test(`HTTP ${status} throws (the runtime retries) and never shows the key`, async () => {
            answer = { status, body: JSON.stringify({ code: status, message: `rejected ${KEY}` }) };
            await assert.rejects(
                submitEvents([twinChange], { propertiesArray: [propertiesFor('dev-1', 'updateTwin')] }, env()),
                (error) => {
                    assert.ok(error instanceof SubmitError);
                    assert.equal(error.status, status);
                    assert.match(error.message, new RegExp(`HTTP ${status}`));
                    assert.ok(!error.message.includes(KEY), 'the API key must not appear in the error');
                    return true;
                });
        });
    }

    test('401 says which setting to check', async () => {
        answer = { status: 401, body: '{"code":16,"message":"unauthenticated"}' };
        await assert.rejects(
            submitEvents([twinChange], { propertiesArray: [propertiesFor('dev-1', 'updateTwin')] }, env()),
            /STACK_API_KEY/);
    });

    test('the model v3 entry point logs without the key and throws on failure', async () => {
        const lines = [];
        const log = (line) => lines.push(line);
        log.warn = (line) => lines.push(`warn: ${line}`);
        const saved = { ...process.env };
        Object.assign(process.env, env());
        try {
            await handler({ log, bindingData: { propertiesArray: [propertiesFor('dev-1', 'updateTwin'), {}] } },
                [twinChange, lifecycle]);
            assert.equal(requests.length, 1);
            assert.ok(lines.some((l) => l.includes('submitted 1 event(s), skipped 1')), lines.join('\n'));
            assert.ok(lines.some((l) => l.startsWith('warn: ') && l.includes('no deviceId')), lines.join('\n'));
            answer = { status: 503, body: 'busy' };
            await assert.rejects(handler({ log, bindingData: { propertiesArray: [propertiesFor('d', 'updateTwin')] } },
                [twinChange]), /HTTP 503/);
            assert.ok(lines.every((l) => !l.includes(KEY)));
        } finally {
            for (const name of Object.keys(process.env)) {
                if (!(name in saved)) delete process.env[name];
            }
            Object.assign(process.env, saved);
        }
    });
});

test('an unreachable far side throws a retryable error', async () => {
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(
        submitEvents([twinChange], { propertiesArray: [propertiesFor('dev-1', 'updateTwin')] },
            { STACK_BASE_URL: `http://127.0.0.1:${port}/api/v3`, STACK_APPLICATION_ID: 'a', STACK_API_KEY: KEY }),
        (error) => error instanceof SubmitError && error.retryable && /Could not reach/.test(error.message));
});

test('a far side that does not answer in time is a timeout', async () => {
    const silent = http.createServer(() => {});
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
        await assert.rejects(
            submitEvents([twinChange], { propertiesArray: [propertiesFor('dev-1', 'updateTwin')] }, {
                STACK_BASE_URL: `http://127.0.0.1:${silent.address().port}/api/v3`, STACK_APPLICATION_ID: 'a',
                STACK_API_KEY: KEY, STACK_TIMEOUT_MS: '200' }),
            /no answer within 200 ms/);
    } finally {
        silent.closeAllConnections();
        await new Promise((resolve) => silent.close(resolve));
    }
});

describe('settings', () => {
    test('every missing setting is named', () => {
        assert.throws(() => readSettings({}), (error) => {
            assert.match(error.message, /STACK_BASE_URL, STACK_APPLICATION_ID, STACK_API_KEY are not set/);
            assert.equal(error.retryable, false);
            return true;
        });
        assert.throws(() => readSettings({ STACK_BASE_URL: 'https://x/api/v3', STACK_APPLICATION_ID: 'a',
            STACK_API_KEY: '  ' }), /STACK_API_KEY is not set/);
    });
    test('a malformed base URL is refused', () => {
        assert.throws(() => readSettings({ STACK_BASE_URL: 'not a url', STACK_APPLICATION_ID: 'a',
            STACK_API_KEY: 'k' }), /STACK_BASE_URL is not a URL/);
        assert.throws(() => readSettings({ STACK_BASE_URL: 'ftp://x/api/v3', STACK_APPLICATION_ID: 'a',
            STACK_API_KEY: 'k' }), /http\(s\)/);
    });
    test('the URL escapes the application id', () => {
        assert.equal(eventsUrl('https://eu1.cloud.thethings.network/api/v3', 'a b'),
            'https://eu1.cloud.thethings.network/api/v3/as/applications/a%20b/packages/azureiothub/events');
    });
});

describe('batch building', () => {
    test('bodies: parsed objects, strings and buffers are accepted; the rest is skipped with a reason', () => {
        const props = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'].map((d) => propertiesFor(d, 'updateTwin'));
        const { events, skipped } = buildBatch(
            [twinChange, JSON.stringify(twinChange), new Uint8Array(Buffer.from(JSON.stringify(twinChange))),
                '{broken', '[1,2]', null],
            { propertiesArray: props }, 'app');
        assert.deepEqual(events.map((e) => e.end_device_ids.device_id), ['d1', 'd2', 'd3']);
        for (const event of events) assert.deepEqual(event.body, twinChange);
        assert.deepEqual(skipped.map((s) => s.deviceId), ['d4', 'd5', 'd6']);
        assert.match(skipped[1].reason, /not an object/);
    });
    test('a single message (cardinality one) is a batch of one', () => {
        const { events } = buildBatch(twinChange, { propertiesArray: [propertiesFor('d1', 'updateTwin')] }, 'app');
        assert.equal(events.length, 1);
    });
    test('an empty batch posts nothing', async () => {
        let called = false;
        const result = await submitEvents([lifecycle], { propertiesArray: [{}] },
            { STACK_BASE_URL: 'http://127.0.0.1:9/api/v3', STACK_APPLICATION_ID: 'a', STACK_API_KEY: KEY },
            { fetchImpl: async () => { called = true; } });
        assert.deepEqual(result, { submitted: 0, skipped: 1, status: null });
        assert.equal(called, false);
    });
});
