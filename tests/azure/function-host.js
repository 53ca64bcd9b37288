#!/usr/bin/env node
'use strict';
// A stand-in for the Azure Functions host around the real SubmitEvents handler, for tests/integration
// (tst_deploytemplate): the sandbox's Function stand-in POSTs each Event Hub batch here in TTS's contract; this
// host turns the batch back into what the Functions runtime hands a model-v3 function with cardinality "many"
// (the message bodies as strings, context.bindingData.propertiesArray with each event's application
// properties), calls the real handler — which posts to the engine given by STACK_BASE_URL — and answers 204 when
// the handler resolved, 502 when it threw (so that the batch is retried, as the runtime's checkpointing would).
//
//   STACK_BASE_URL=… STACK_APPLICATION_ID=… STACK_API_KEY=… node function-host.js [--key KEY]
// prints "listening http://127.0.0.1:PORT/api/v3" once ready, then one line per invocation.
const http = require('node:http');
const path = require('node:path');

const handler = require(path.resolve(__dirname, '../../resources/azure/function/SubmitEvents/index.js'));

const keyIndex = process.argv.indexOf('--key');
const expectedKey = keyIndex > 0 ? process.argv[keyIndex + 1] : '';
let invocations = 0;

const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
        if (req.method !== 'POST' || !/\/as\/applications\/[^/]+\/packages\/azureiothub\/events$/.test(req.url)) {
            res.writeHead(404).end();
            return;
        }
        if (expectedKey && req.headers.authorization !== `Bearer ${expectedKey}`) {
            res.writeHead(401).end();
            return;
        }
        let batch;
        try {
            batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
            res.writeHead(400).end();
            return;
        }
        const events = Array.isArray(batch.events) ? batch.events : [];
        const messages = events.map((e) => JSON.stringify(e.body));
        const context = {
            bindingData: { propertiesArray: events.map((e) => e.properties || {}) },
            log: (line) => console.log(`function: ${line}`),
        };
        context.log.warn = (line) => console.log(`function warning: ${line}`);
        invocations += 1;
        try {
            await handler(context, messages);
            console.log(`invocation ${invocations}: ${messages.length} event(s) accepted`);
            res.writeHead(204).end();
        } catch (error) {
            console.log(`invocation ${invocations}: failed: ${error.message}`);
            res.writeHead(502, { 'Content-Type': 'text/plain' }).end(error.message);
        }
    });
});

server.listen(0, '127.0.0.1', () => {
    console.log(`listening http://127.0.0.1:${server.address().port}/api/v3`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
