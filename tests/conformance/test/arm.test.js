'use strict';
// @azure/arm-resources against the sandbox's Resource Manager stand-in, with a bearer token from
// @azure/identity's ClientSecretCredential against the sandbox's Entra ID stand-in. The client is unchanged
// except for what any private cloud needs: endpoint/$host = sandbox.json azure.management and the token scope of
// Resource Manager (credentialScopes). TLS verification stays on (NODE_EXTRA_CA_CERTS).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { ClientSecretCredential } = require('@azure/identity');
const { ResourceManagementClient } = require('@azure/arm-resources');
const sb = require('../lib/sandbox');

const azure = JSON.parse(fs.readFileSync(process.env.TWINBRIDGE_SANDBOX_JSON, 'utf8')).azure;
const ARM_SCOPE = 'https://management.azure.com/.default';
const GROUP = `tb-conformance-${crypto.randomBytes(3).toString('hex')}`;
const HUB = `conf-hub-${crypto.randomBytes(3).toString('hex')}`;
const POLL = { updateIntervalInMs: 200 };

const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
        hubName: { type: 'string' },
        location: { type: 'string', defaultValue: '[resourceGroup().location]' },
    },
    variables: { hubId: "[resourceId('Microsoft.Devices/IotHubs', parameters('hubName'))]" },
    resources: [{
        type: 'Microsoft.Devices/IotHubs',
        apiVersion: '2023-06-30',
        name: "[parameters('hubName')]",
        location: "[parameters('location')]",
        sku: { name: 'S1', capacity: 1 },
        properties: {
            authorizationPolicies: [
                { keyName: 'twinbridge', rights: 'RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect' },
            ],
        },
    }],
    outputs: {
        hostName: { type: 'string', value: "[reference(variables('hubId'), '2023-06-30').hostName]" },
        policyKey: { type: 'securestring', value: "[listKeys(variables('hubId'), '2023-06-30').value[0].primaryKey]" },
        group: { type: 'string', value: '[toLower(resourceGroup().name)]' },
    },
};

let client;

before(() => {
    assert.ok(azure && azure.management, 'sandbox.json has azure.management');
    const credential = new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret,
        { authorityHost: azure.authority, disableInstanceDiscovery: true });
    client = new ResourceManagementClient(credential, azure.subscriptionId, {
        endpoint: azure.management,
        $host: azure.management,
        credentialScopes: [ARM_SCOPE],
    });
});

after(() => sb.closeAgent());

test('resource group, template deployment with outputs, operations, delete', async () => {
    const group = await client.resourceGroups.createOrUpdate(GROUP, { location: 'westeurope', tags: { test: 'conformance' } });
    assert.equal(group.name, GROUP);
    assert.equal(group.location, 'westeurope');
    assert.equal(group.properties.provisioningState, 'Succeeded');
    assert.deepEqual(group.tags, { test: 'conformance' });

    const deployment = await client.deployments.beginCreateOrUpdateAndWait(GROUP, 'conformance-1', {
        properties: { mode: 'Incremental', template, parameters: { hubName: { value: HUB } } },
    }, POLL);
    assert.equal(deployment.name, 'conformance-1');
    assert.equal(deployment.properties.provisioningState, 'Succeeded');
    assert.equal(deployment.properties.outputs.hostName.value, `${HUB}.azure-devices.net`);
    assert.equal(deployment.properties.outputs.group.value, GROUP.toLowerCase());
    // Secure outputs never carry their value.
    assert.equal(deployment.properties.outputs.policyKey.type, 'SecureString');
    assert.equal(deployment.properties.outputs.policyKey.value, undefined);
    assert.deepEqual(deployment.properties.outputResources.map((resource) => resource.id),
        [`/subscriptions/${azure.subscriptionId}/resourceGroups/${GROUP}/providers/Microsoft.Devices/IotHubs/${HUB}`]);

    const operations = [];
    for await (const operation of client.deploymentOperations.list(GROUP, 'conformance-1')) operations.push(operation);
    assert.equal(operations.length, 1);
    assert.equal(operations[0].properties.provisioningState, 'Succeeded');
    assert.equal(operations[0].properties.provisioningOperation, 'Create');
    assert.equal(operations[0].properties.targetResource.resourceName, HUB);
    assert.equal(operations[0].properties.targetResource.resourceType, 'Microsoft.Devices/IotHubs');
    assert.ok(operations[0].properties.timestamp instanceof Date);

    const read = await client.deployments.get(GROUP, 'conformance-1');
    assert.equal(read.properties.provisioningState, 'Succeeded');
    const resources = [];
    for await (const resource of client.resources.listByResourceGroup(GROUP)) resources.push(resource);
    assert.deepEqual(resources.map((resource) => resource.name), [HUB]);

    await client.resourceGroups.beginDeleteAndWait(GROUP, POLL);
    assert.equal((await client.resourceGroups.checkExistence(GROUP)).body, false);
    const availability = await fetchNameAvailability(HUB);
    assert.equal(availability.nameAvailable, true, 'deleting the group removed its hub');
});

test('an invalid template fails validation with InvalidTemplate naming the unknown function', async () => {
    const name = `tb-invalid-${crypto.randomBytes(3).toString('hex')}`;
    await client.resourceGroups.createOrUpdate(name, { location: 'northeurope' });
    const broken = { ...template, outputs: { x: { type: 'string', value: "[frobnicate('a')]" } } };
    await assert.rejects(
        client.deployments.beginValidateAndWait(name, 'broken', {
            properties: { mode: 'Incremental', template: broken, parameters: { hubName: { value: 'never-created' } } },
        }, POLL),
        (error) => {
            assert.equal(error.statusCode, 400);
            assert.equal(error.code, 'InvalidTemplate');
            assert.match(error.message, /frobnicate/);
            return true;
        });
    await assert.rejects(
        client.deployments.beginCreateOrUpdateAndWait(name, 'missing', {
            properties: { mode: 'Incremental', template, parameters: {} },
        }, POLL),
        (error) => error.statusCode === 400 && /hubName/.test(error.message));
    await client.resourceGroups.beginDeleteAndWait(name, POLL);
});

test('requests without a bearer token are refused with 401 and Azure\'s error shape', async () => {
    const response = await fetch(`${azure.management}/subscriptions?api-version=2022-12-01`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate'), /^Bearer authorization_uri=/);
    const body = await response.json();
    assert.equal(body.error.code, 'AuthenticationFailed');
});

async function fetchNameAvailability(name) {
    const credential = new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret,
        { authorityHost: azure.authority, disableInstanceDiscovery: true });
    const token = await credential.getToken(ARM_SCOPE);
    const response = await fetch(`${azure.management}/subscriptions/${azure.subscriptionId}/providers/Microsoft.Devices/checkNameAvailability?api-version=2023-06-30`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
    });
    assert.equal(response.status, 200);
    return response.json();
}
