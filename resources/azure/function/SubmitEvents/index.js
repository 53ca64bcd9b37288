'use strict';

// SubmitEvents: an Event Hub-triggered Azure Function (Node.js 20, Functions runtime ~4, programming model v3,
// no npm dependencies). IoT Hub routes twin changes (desired properties or tags) and device lifecycle events to
// the Event Hub "Events"; this function posts each batch, in The Things Stack's Azure IoT Hub integration
// contract, to
//     POST {STACK_BASE_URL}/as/applications/{STACK_APPLICATION_ID}/packages/azureiothub/events
//     Authorization: Bearer {STACK_API_KEY}
//     {"events": [{"end_device_ids": {...}, "body": {...}, "properties": {...}}]}
// STACK_BASE_URL is TTS's cluster API address (".../api/v3") or the TwinBridge engine's ingest endpoint, which
// speaks the same contract. A non-2xx answer throws, so that the runtime retries the batch; the API key never
// appears in a log line or an error message.

const REQUIRED_SETTINGS = ['STACK_BASE_URL', 'STACK_APPLICATION_ID', 'STACK_API_KEY'];
const DEFAULT_TIMEOUT_MS = 30000;
const MAX_ERROR_BODY = 300;

class SubmitError extends Error {
    constructor(message, { status, retryable } = {}) {
        super(message);
        this.name = 'SubmitError';
        this.status = status;
        this.retryable = retryable !== false;
    }
}

// The three app settings, validated; throws a SubmitError naming every missing or malformed one.
function readSettings(env) {
    const missing = REQUIRED_SETTINGS.filter((name) => !env[name] || !String(env[name]).trim());
    if (missing.length > 0) {
        throw new SubmitError(`The app setting${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
            `${missing.length > 1 ? 'are' : 'is'} not set; set ${missing.length > 1 ? 'them' : 'it'} in the ` +
            'Function App configuration (the deployment template does).', { retryable: false });
    }
    let base;
    try {
        base = new URL(String(env.STACK_BASE_URL).trim());
    } catch {
        throw new SubmitError('STACK_BASE_URL is not a URL; expected e.g. ' +
            'https://eu1.cloud.thethings.network/api/v3.', { retryable: false });
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
        throw new SubmitError(`STACK_BASE_URL must be an http(s) address, not ${base.protocol}`,
            { retryable: false });
    }
    return {
        baseUrl: base.toString().replace(/\/+$/, ''),
        applicationId: String(env.STACK_APPLICATION_ID).trim(),
        apiKey: String(env.STACK_API_KEY).trim(),
        timeoutMs: Number(env.STACK_TIMEOUT_MS) > 0 ? Number(env.STACK_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS,
    };
}

function eventsUrl(baseUrl, applicationId) {
    return `${baseUrl}/as/applications/${encodeURIComponent(applicationId)}/packages/azureiothub/events`;
}

// An Event Hub message body as the runtime hands it over: already parsed JSON (an object), a string or a
// Buffer/Uint8Array (dataType "binary"). Returns the JSON object or throws.
function parseBody(message) {
    if (message !== null && typeof message === 'object' && !ArrayBuffer.isView(message) &&
        !(message instanceof ArrayBuffer)) {
        return message;
    }
    let text;
    if (typeof message === 'string') {
        text = message;
    } else if (ArrayBuffer.isView(message)) {
        text = Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString('utf8');
    } else if (message instanceof ArrayBuffer) {
        text = Buffer.from(message).toString('utf8');
    } else {
        throw new Error(`the body is ${message === null ? 'null' : typeof message}, not JSON`);
    }
    const parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error('the body is JSON but not an object');
    }
    return parsed;
}

// Turns one trigger invocation (messages + the runtime's bindingData) into the request body. Messages without a
// deviceId application property, or with a body that is not a JSON object, cannot be submitted (TTS would
// reject the whole batch); they are returned in `skipped` with the reason, and logged by the caller.
function buildBatch(messages, bindingData, applicationId) {
    const list = Array.isArray(messages) ? messages : [messages];
    const propertiesArray = (bindingData && Array.isArray(bindingData.propertiesArray))
        ? bindingData.propertiesArray : [];
    const events = [];
    const skipped = [];
    list.forEach((message, index) => {
        const properties = propertiesArray[index] && typeof propertiesArray[index] === 'object'
            ? propertiesArray[index] : {};
        const deviceId = typeof properties.deviceId === 'string' ? properties.deviceId : '';
        if (!deviceId) {
            skipped.push({ index, reason: 'no deviceId application property' });
            return;
        }
        let body;
        try {
            body = parseBody(message);
        } catch (error) {
            skipped.push({ index, deviceId, reason: error.message });
            return;
        }
        const copied = {};
        for (const [name, value] of Object.entries(properties)) {
            copied[name] = value;
        }
        events.push({
            end_device_ids: { application_ids: { application_id: applicationId }, device_id: deviceId },
            body,
            properties: copied,
        });
    });
    return { events, skipped };
}

async function post(url, apiKey, payload, timeoutMs, fetchImpl) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
        response = await fetchImpl(url, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${apiKey}`,
                'Content-Type': 'application/json; charset=utf-8',
                'Accept': 'application/json',
            },
            body: JSON.stringify(payload),
            signal: controller.signal,
        });
    } catch (error) {
        const reason = error && error.name === 'AbortError'
            ? `no answer within ${timeoutMs} ms` : (error && (error.cause?.code || error.message)) || 'unknown error';
        throw new SubmitError(`Could not reach ${url}: ${reason}`);
    } finally {
        clearTimeout(timer);
    }
    if (response.status >= 200 && response.status < 300) {
        return response.status;
    }
    let detail = '';
    try {
        detail = (await response.text()).slice(0, MAX_ERROR_BODY).replace(/\s+/g, ' ').trim();
    } catch {
        detail = '';
    }
    if (apiKey && detail.includes(apiKey)) {
        detail = detail.split(apiKey).join('***');
    }
    const hint = response.status === 401 || response.status === 403
        ? ' Check STACK_API_KEY (a TTS API key with the application rights, or the engine\'s ingest key).'
        : response.status === 404 ? ' Check STACK_BASE_URL and STACK_APPLICATION_ID.' : '';
    throw new SubmitError(`HTTP ${response.status} from ${url}${detail ? `: ${detail}` : ''}.${hint}`,
        { status: response.status });
}

// Submits one batch; resolves to {submitted, skipped, status}. Throws a SubmitError when the far side did not
// accept it (the runtime then retries the batch).
async function submitEvents(messages, bindingData, env = process.env, { fetchImpl = globalThis.fetch, log } = {}) {
    const settings = readSettings(env);
    const { events, skipped } = buildBatch(messages, bindingData, settings.applicationId);
    for (const entry of skipped) {
        if (log) {
            log(`SubmitEvents: skipped event ${entry.index}${entry.deviceId ? ` of ${entry.deviceId}` : ''}: ` +
                `${entry.reason}`);
        }
    }
    if (events.length === 0) {
        return { submitted: 0, skipped: skipped.length, status: null };
    }
    const status = await post(eventsUrl(settings.baseUrl, settings.applicationId), settings.apiKey,
        { events }, settings.timeoutMs, fetchImpl);
    return { submitted: events.length, skipped: skipped.length, status };
}

// The Functions runtime's entry point (model v3): `events` is the batch (cardinality "many").
module.exports = async function (context, events) {
    const warn = (line) => (context.log && context.log.warn ? context.log.warn(line) : context.log(line));
    const result = await submitEvents(events, context.bindingData, process.env, { log: warn });
    context.log(`SubmitEvents: submitted ${result.submitted} event(s)` +
        (result.skipped ? `, skipped ${result.skipped}` : '') +
        (result.status ? ` (HTTP ${result.status})` : ''));
    return undefined;
};

module.exports.submitEvents = submitEvents;
module.exports.buildBatch = buildBatch;
module.exports.readSettings = readSettings;
module.exports.eventsUrl = eventsUrl;
module.exports.SubmitError = SubmitError;
