'use strict';
// Runs the conformance tests against a fresh twinbridge-sandbox (one file after the other: a test that drops
// every connection of the hub must not disturb another file's clients):
//   node run.js --sandbox PATH/twinbridge-sandbox [test files…]
// Starts the sandbox in a temporary state directory (throttles off), waits for its sandbox.json, runs
// `node --test` with NODE_EXTRA_CA_CERTS set to the sandbox CA (TLS verification stays on), then stops the
// sandbox with SIGTERM and removes the directory. The exit code is the test run's (or 1 when the sandbox
// did not start or did not stop cleanly). Both children get SIGTERM if this process dies (setpriv
// --pdeathsig), so nothing is left behind even when CTest kills the run on a timeout.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function usage(message) {
    console.error(`run.js: ${message}\nusage: node run.js --sandbox PATH [test files…]`);
    process.exit(2);
}

const args = process.argv.slice(2);
let sandboxBinary = process.env.TWINBRIDGE_SANDBOX;
const files = [];
for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--sandbox') sandboxBinary = args[++i];
    else files.push(args[i]);
}
if (!sandboxBinary) usage('no --sandbox given');
if (!fs.existsSync(sandboxBinary)) usage(`${sandboxBinary} does not exist`);
if (files.length === 0) {
    const dir = path.join(__dirname, 'test');
    for (const name of fs.readdirSync(dir).sort()) {
        if (name.endsWith('.test.js')) files.push(path.join(dir, name));
    }
}

// setpriv (util-linux) makes the kernel send SIGTERM to the child when this process exits.
const haveSetpriv = spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;
function spawnGuarded(command, commandArgs, options) {
    if (haveSetpriv) return spawn('setpriv', ['--pdeathsig', 'TERM', '--', command, ...commandArgs], options);
    return spawn(command, commandArgs, options);
}

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinbridge-conformance-'));
const sandboxJson = path.join(stateDir, 'sandbox.json');
const logPath = path.join(stateDir, 'sandbox.log');
const log = fs.openSync(logPath, 'w');
const sandbox = spawnGuarded(sandboxBinary, ['--state-dir', stateDir, '--no-throttle'],
    { stdio: ['ignore', log, log], env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
let sandboxExit = null;
const sandboxExited = new Promise((resolve) => sandbox.on('exit', (code, signal) => {
    sandboxExit = { code, signal };
    resolve();
}));

function printLog() {
    try {
        process.stderr.write(`--- sandbox log (${logPath}) ---\n${fs.readFileSync(logPath, 'utf8')}--- end ---\n`);
    } catch (error) {
        console.error(`run.js: no sandbox log: ${error.message}`);
    }
}

async function stopSandbox() {
    if (sandboxExit === null) {
        sandbox.kill('SIGTERM');
        const timer = setTimeout(() => sandbox.kill('SIGKILL'), 15000);
        await sandboxExited;
        clearTimeout(timer);
    }
    return sandboxExit;
}

function cleanUp() {
    fs.closeSync(log);
    fs.rmSync(stateDir, { recursive: true, force: true });
}

async function waitForSandbox() {
    const deadline = Date.now() + 60000;
    while (!fs.existsSync(sandboxJson)) {
        if (sandboxExit !== null) throw new Error(`the sandbox exited early (${JSON.stringify(sandboxExit)})`);
        if (Date.now() > deadline) throw new Error('the sandbox did not write sandbox.json within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return JSON.parse(fs.readFileSync(sandboxJson, 'utf8'));
}

async function main() {
    let config;
    try {
        config = await waitForSandbox();
    } catch (error) {
        console.error(`run.js: ${error.message}`);
        await stopSandbox();
        printLog();
        cleanUp();
        return 1;
    }
    console.log(`run.js: sandbox up (REST ${config.iotHub.rest}, MQTT ${config.iotHub.mqtt.host}:` +
        `${config.iotHub.mqtt.port}, admin ${config.admin})`);

    const tests = spawnGuarded(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-timeout=120000', ...files], {
        stdio: 'inherit',
        cwd: __dirname,
        env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: config.caCertificate,
            TWINBRIDGE_SANDBOX_JSON: sandboxJson,
        },
    });
    const forward = (signal) => tests.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const testCode = await new Promise((resolve) => tests.on('exit', (code, signal) => resolve(signal ? 1 : code)));

    const stopped = await stopSandbox();
    let code = testCode;
    if (stopped.code !== 0) {
        console.error(`run.js: the sandbox did not stop cleanly (${JSON.stringify(stopped)})`);
        code = code || 1;
    }
    if (code !== 0) printLog();
    cleanUp();
    return code;
}

main().then((code) => process.exit(code), (error) => {
    console.error(error);
    sandbox.kill('SIGKILL');
    process.exit(1);
});
