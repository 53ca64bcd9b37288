#!/usr/bin/env node
'use strict';
// Copies the function's code (function/SubmitEvents/index.js) and binding (function.json) into main.json's
// Microsoft.Web/sites/functions resource, so that the template deploys exactly the tested code:
//     node resources/azure/tools/embed-function.js          (rewrites main.json)
//     node resources/azure/tools/embed-function.js --check  (exit 1 when main.json is out of date)
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const templateFile = path.join(root, 'main.json');

function embedded(template) {
    const code = fs.readFileSync(path.join(root, 'function', 'SubmitEvents', 'index.js'), 'utf8');
    const config = JSON.parse(fs.readFileSync(path.join(root, 'function', 'SubmitEvents', 'function.json'), 'utf8'));
    // The template names the Event Hub through its variable, so that both stay in one place.
    config.bindings[0].eventHubName = "[variables('eventHubName')]";
    const copy = JSON.parse(JSON.stringify(template));
    const fn = copy.resources.find((r) => r.type === 'Microsoft.Web/sites/functions');
    if (!fn) throw new Error('main.json has no Microsoft.Web/sites/functions resource');
    fn.properties = { config, files: { 'index.js': code } };
    return copy;
}

function main() {
    const text = fs.readFileSync(templateFile, 'utf8');
    const wanted = `${JSON.stringify(embedded(JSON.parse(text)), null, 2)}\n`;
    if (process.argv.includes('--check')) {
        if (wanted !== text) {
            console.error('main.json does not hold the current function code; run node resources/azure/tools/embed-function.js');
            process.exit(1);
        }
        return;
    }
    fs.writeFileSync(templateFile, wanted);
}

module.exports = { embedded };
if (require.main === module) main();
