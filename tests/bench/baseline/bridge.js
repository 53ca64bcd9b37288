'use strict';
// Baseline bridge for tests/bench/engine.sh: what a TTS → IoT Hub bridge written with Microsoft's Node device
// SDK does when it keeps no state — for every uplink one device client: connect (SAS signed by the hub's
// shared access policy), sendEvent with the body and properties TwinBridge sends, getTwin, update the
// reported properties, close.
//
//   node bridge.js SANDBOX_JSON [CONCURRENCY]
//
// Subscribes to v3/{app}@{tenant}/devices/+/up on the sandbox's TTS broker (npm mqtt), prints "ready" once
// subscribed, handles at most CONCURRENCY devices at a time (each device's uplinks one after the other, in
// order) and prints one JSON line of counters every second and at SIGTERM/SIGINT. Failures are counted, not
// retried. TLS is verified against the sandbox's CA (setOptions({ca}) for the device clients).

const crypto = require('node:crypto');
const fs = require('node:fs');
const mqtt = require('mqtt');
const { Client, Message, SharedAccessSignatureAuthenticationProvider } = require('azure-iot-device');
const { Mqtt } = require('azure-iot-device-mqtt');

const sandboxFile = process.argv[2];
const concurrency = Number(process.argv[3] || 100);
if (!sandboxFile || !(concurrency >= 1)) {
    process.stderr.write('usage: node bridge.js SANDBOX_JSON [CONCURRENCY]\n');
    process.exit(64);
}
const sandbox = JSON.parse(fs.readFileSync(sandboxFile, 'utf8'));
const ca = fs.readFileSync(sandbox.caCertificate, 'utf8');
const hub = sandbox.iotHub;
const gatewayHostName = `${hub.mqtt.host}:${hub.mqtt.port}`;

// IoT Hub SAS: HMAC-SHA256 over "{url-encoded resource}\n{expiry}" with the policy key; skn names the policy.
function policySas(deviceId) {
    const resource = encodeURIComponent(`${hub.hostName}/devices/${deviceId}`);
    const expiry = Math.floor(Date.now() / 1000) + 3600;
    const signature = crypto.createHmac('sha256', Buffer.from(hub.policyKey, 'base64'))
        .update(`${resource}\n${expiry}`)
        .digest('base64');
    return `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(signature)}&se=${expiry}` +
        `&skn=${encodeURIComponent(hub.policyName)}`;
}

const counters = { received: 0, forwarded: 0, failed: 0, active: 0, queued: 0 };
let firstError = '';

function asCallback(fn) {
    return new Promise((resolve, reject) => fn((error, result) => (error ? reject(error) : resolve(result))));
}

// One uplink, the SDK way: a fresh client per message.
async function forward(deviceId, bodyText, up) {
    // Client.fromSharedAccessSignature takes the broker address from the token's sr (the hub's host name,
    // which does not resolve here); the SDK's public way to give it another address is this provider with
    // gatewayHostName — same token, same credentials.
    const provider = new SharedAccessSignatureAuthenticationProvider({
        host: hub.hostName,
        deviceId,
        sharedAccessSignature: policySas(deviceId),
        gatewayHostName,
    });
    const client = Client.fromAuthenticationProvider(provider, Mqtt);
    await client.setOptions({ ca });
    await client.open();
    try {
        const message = new Message(bodyText);
        const upId = (up.correlation_ids || []).find((id) => id.startsWith('as:up:'));
        message.messageId = upId ? `uplink:${upId}` : `uplink:${crypto.randomUUID()}`;
        message.contentType = 'application/json';
        message.contentEncoding = 'utf-8';
        message.properties.add('messageType', 'uplink');
        message.properties.add('fPort', String(up.uplink_message.f_port || 0));
        await client.sendEvent(message);
        const twin = await client.getTwin();
        const patch = { lastSeenAt: up.received_at };
        if (up.uplink_message.decoded_payload)
            patch.decodedPayload = up.uplink_message.decoded_payload;
        await asCallback((done) => twin.properties.reported.update(patch, done));
    } finally {
        await client.close();
    }
}

// Per device a FIFO; at most `concurrency` devices in progress.
const perDevice = new Map();
const ready = [];

function schedule() {
    while (counters.active < concurrency && ready.length > 0) {
        const deviceId = ready.shift();
        const queue = perDevice.get(deviceId);
        const { bodyText, up } = queue[0];
        counters.active++;
        counters.queued--;
        forward(deviceId, bodyText, up)
            .then(() => counters.forwarded++)
            .catch((error) => {
                counters.failed++;
                if (!firstError)
                    firstError = `${deviceId}: ${error && error.message ? error.message : error}`;
            })
            .finally(() => {
                counters.active--;
                queue.shift();
                if (queue.length > 0)
                    ready.push(deviceId);
                else
                    perDevice.delete(deviceId);
                schedule();
            });
    }
}

const username = `${sandbox.tts.applicationId}@${sandbox.tts.tenantId}`;
const broker = mqtt.connect({
    protocol: sandbox.tts.mqtt.tls ? 'mqtts' : 'mqtt',
    host: sandbox.tts.mqtt.host,
    port: sandbox.tts.mqtt.port,
    username,
    password: sandbox.tts.apiKey,
    ca,
    rejectUnauthorized: true,
    clean: true,
    reconnectPeriod: 1000,
});
broker.on('connect', () => {
    broker.subscribe(`v3/${username}/devices/+/up`, { qos: 0 }, (error) => {
        if (error) {
            process.stderr.write(`bridge.js: subscribe failed: ${error.message}\n`);
            process.exit(69);
        }
        process.stdout.write('ready\n');
    });
});
broker.on('error', (error) => process.stderr.write(`bridge.js: TTS MQTT: ${error.message}\n`));
broker.on('message', (topic, payload) => {
    counters.received++;
    let up;
    try {
        up = JSON.parse(payload.toString('utf8'));
    } catch {
        counters.failed++;
        return;
    }
    if (!up.uplink_message || !up.end_device_ids)
        return;
    const deviceId = up.end_device_ids.device_id;
    const entry = { bodyText: payload.toString('utf8'), up };
    counters.queued++;
    const queue = perDevice.get(deviceId);
    if (queue) {
        queue.push(entry);
    } else {
        perDevice.set(deviceId, [entry]);
        ready.push(deviceId);
    }
    schedule();
});

function report() {
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...counters, firstError })}\n`);
}
const timer = setInterval(report, 1000);
for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
        clearInterval(timer);
        report();
        broker.end(true, () => process.exit(0));
        setTimeout(() => process.exit(0), 2000).unref();
    });
}
