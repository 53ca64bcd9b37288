'use strict';
// Uplink source for tests/bench/engine.sh: publishes TTS ApplicationUp messages on the sandbox's TTS broker
// at a fixed rate, as TTS's Application Server would (QoS 0, v3/{app}@{tenant}/devices/{id}/up), so that the
// sandbox's virtual-device model — which at 10,000 devices costs more per uplink than the bridges do — is not
// what sets the pace. Used for every measured phase, the engine's and the baseline's alike.
//
//   node publisher.js SANDBOX_JSON DEVICES_JSON COUNT RATE
//
// DEVICES_JSON: {"template": <an ApplicationUp uplink the sandbox published>, "devices": [<end_device_ids>…]}
// (written by engine.sh's helper from the warm-up). Each message is the template with the device's ids, a new
// as:up correlation id, the device's next f_cnt, a fresh decoded payload and received_at = the publish time
// (RFC 3339 with nanoseconds), round robin over the devices. Prints one JSON line when done.

const crypto = require('node:crypto');
const fs = require('node:fs');
const mqtt = require('mqtt');

const [sandboxFile, devicesFile, countText, rateText] = process.argv.slice(2);
const count = Number(countText);
const rate = Number(rateText);
if (!sandboxFile || !devicesFile || !(count >= 1) || !(rate > 0)) {
    process.stderr.write('usage: node publisher.js SANDBOX_JSON DEVICES_JSON COUNT RATE\n');
    process.exit(64);
}
const sandbox = JSON.parse(fs.readFileSync(sandboxFile, 'utf8'));
const { template, devices } = JSON.parse(fs.readFileSync(devicesFile, 'utf8'));
const username = `${sandbox.tts.applicationId}@${sandbox.tts.tenantId}`;
const frameCounters = new Map();

// RFC 3339 UTC with nine fractional digits, from the wall clock (the hub stamps enqueuedTime from the same).
function nowRfc3339() {
    const wallMs = performance.timeOrigin + performance.now();
    const whole = Math.floor(wallMs);
    const nanos = Math.round((wallMs - whole) * 1e6);
    const iso = new Date(whole).toISOString(); // …:SS.mmmZ
    return `${iso.slice(0, 23)}${String(nanos).padStart(6, '0')}Z`;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulidLike() {
    const bytes = crypto.randomBytes(26);
    let text = '';
    for (let i = 0; i < 26; i++)
        text += crockford[bytes[i] & 31];
    return `0${text.slice(1)}`;
}

function message(index) {
    const ids = devices[index % devices.length];
    const fCnt = (frameCounters.get(ids.device_id) || 1000) + 1;
    frameCounters.set(ids.device_id, fCnt);
    const now = nowRfc3339();
    const up = structuredClone(template);
    up.end_device_ids = ids;
    up.correlation_ids = [`as:up:${ulidLike()}`, ...template.correlation_ids.slice(1)];
    up.received_at = now;
    up.uplink_message.received_at = now;
    up.uplink_message.f_cnt = fCnt;
    up.uplink_message.decoded_payload = {
        battery: Math.round(3000 + (index % 1200)) / 1000,
        humidity: 10 + (index % 170) / 2,
        temperature: Math.round(-1000 + (index * 7) % 5000) / 100,
    };
    return { topic: `v3/${username}/devices/${ids.device_id}/up`, body: JSON.stringify(up) };
}

const client = mqtt.connect({
    protocol: sandbox.tts.mqtt.tls ? 'mqtts' : 'mqtt',
    host: sandbox.tts.mqtt.host,
    port: sandbox.tts.mqtt.port,
    username,
    password: sandbox.tts.apiKey,
    ca: fs.readFileSync(sandbox.caCertificate, 'utf8'),
    rejectUnauthorized: true,
    clean: true,
    reconnectPeriod: 0,
});
client.on('error', (error) => {
    process.stderr.write(`publisher.js: ${error.message}\n`);
    process.exit(69);
});
client.on('connect', () => {
    const started = performance.now();
    let sent = 0;
    const tick = () => {
        const due = Math.min(count, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
        while (sent < due) {
            const { topic, body } = message(sent);
            client.publish(topic, body, { qos: 0 });
            sent++;
        }
        if (sent < count) {
            setTimeout(tick, 2);
            return;
        }
        const seconds = (performance.now() - started) / 1000;
        client.end(false, () => {
            process.stdout.write(`${JSON.stringify({ published: sent, seconds: Number(seconds.toFixed(3)),
                                                     rate: Number((sent / Math.max(seconds, 1e-9)).toFixed(1)) })}\n`);
            process.exit(0);
        });
    };
    tick();
});
