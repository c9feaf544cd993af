import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { convertVersion, QUANTITY_PATTERN, type SourceSchema } from '../../scripts/schemas/convert';
import { removalGaps } from '../../scripts/schemas/removalGaps';
import { compileAllKinds } from '../../scripts/schemas/selfCheck';
import { chooseSource, downloadSource, sha256 } from '../../scripts/schemas/sources';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../server/src/core/analysis/settings';
import type { KindIndex, TopIndex } from '../../server/src/core/schema/facts';
import type { SchemaNode } from '../../server/src/core/schema/versionSchemas';
import { SCHEMA_DIR } from './helpers';

const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(SCHEMA_DIR, ...parts), 'utf8')) as T;

describe('generated schemas', () => {
  const index = readJson<KindIndex>('v1.36', 'index.json');
  const defs = readJson<{ $id: string; definitions: Record<string, SchemaNode> }>('v1.36', '_definitions.json');

  it('has a version folder per supported Kubernetes version and a top index of where kinds are served', () => {
    const top = readJson<TopIndex>('index.json');
    assert.deepEqual(top.versions, [...SUPPORTED_KUBERNETES_VERSIONS]);
    assert.deepEqual(top.apis['apps/v1'].Deployment, ['1.25', '1.36']);
    assert.deepEqual(top.apis['autoscaling/v2beta2'].HorizontalPodAutoscaler, ['1.25', '1.25']);
    assert.deepEqual(top.apis['resource.k8s.io/v1'].DeviceClass, ['1.34', '1.36']);
  });

  it('indexes the 98 authorable kinds of 1.36 by apiVersion and kind', () => {
    const kinds = Object.values(index).flatMap((byKind) => Object.keys(byKind));
    assert.equal(kinds.length, 98);
    assert.deepEqual(index['apps/v1'].Deployment, { file: 'apps/v1/Deployment.json', definition: 'io.k8s.api.apps.v1.Deployment', namespaced: true });
    assert.deepEqual(index.v1.Namespace, { file: 'core/v1/Namespace.json', definition: 'io.k8s.api.core.v1.Namespace', namespaced: false });
    assert.ok(kinds.every((k) => !k.endsWith('List')));
    assert.equal(index.v1.Status, undefined);
    assert.equal(index.v1.DeleteOptions, undefined);
  });

  it('writes small entry files that $ref the shared definitions', () => {
    const entry = readJson<Record<string, unknown>>('v1.36', 'apps', 'v1', 'Deployment.json');
    assert.deepEqual(entry, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Deployment (apps/v1)',
      $ref: '_definitions.json#/definitions/io.k8s.api.apps.v1.Deployment',
      type: 'object',
      properties: { apiVersion: { type: 'string', enum: ['apps/v1'] }, kind: { type: 'string', enum: ['Deployment'] } },
      required: ['apiVersion', 'kind'],
    });
    assert.equal(defs.$id, '_definitions.json');
  });

  it('makes objects strict, optional fields nullable and keeps open objects open', () => {
    const d = defs.definitions;
    assert.equal(d['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].additionalProperties, false);
    assert.deepEqual(d['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].type, ['object', 'null']);
    assert.equal(d['io.k8s.apimachinery.pkg.runtime.RawExtension'].additionalProperties, undefined);
    const port = d['io.k8s.api.core.v1.ContainerPort'].properties as Record<string, SchemaNode>;
    assert.equal(port.containerPort.type, 'integer');
    assert.deepEqual(port.hostPort.type, ['integer', 'null']);
    const labels = (d['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties as Record<string, SchemaNode>).labels;
    assert.deepEqual(labels.additionalProperties, { type: ['string', 'null'] });
  });

  it('writes IntOrString and Quantity as type unions, with a non-null type beside required $refs', () => {
    const d = defs.definitions;
    assert.deepEqual(d['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].type, ['integer', 'string', 'null']);
    assert.deepEqual(d['io.k8s.apimachinery.pkg.api.resource.Quantity'].type, ['string', 'number', 'null']);
    assert.equal(d['io.k8s.apimachinery.pkg.api.resource.Quantity'].pattern, QUANTITY_PATTERN);
    const httpGet = d['io.k8s.api.core.v1.HTTPGetAction'].properties as Record<string, SchemaNode>;
    assert.deepEqual(httpGet.port.type, ['integer', 'string']);
    const podSpec = d['io.k8s.api.core.v1.PodSpec'].properties as Record<string, SchemaNode>;
    assert.deepEqual(podSpec.containers.items, { $ref: '#/definitions/io.k8s.api.core.v1.Container', type: 'object' });
    assert.equal(podSpec.securityContext.type, undefined);
  });

  it('keeps only the list-type vendor extensions and resolves every $ref', () => {
    const keywords = new Set<string>();
    const refs: string[] = [];
    const visit = (node: SchemaNode): void => {
      for (const key of Object.keys(node)) keywords.add(key);
      if (typeof node.$ref === 'string') refs.push(node.$ref);
      for (const child of Object.values(node.properties ?? {})) visit(child);
      if (node.items) visit(node.items);
      if (node.additionalProperties && typeof node.additionalProperties === 'object') visit(node.additionalProperties);
    };
    for (const def of Object.values(defs.definitions)) visit(def);
    assert.deepEqual([...keywords].filter((k) => k.startsWith('x-')).sort(), ['x-kubernetes-list-map-keys', 'x-kubernetes-list-type']);
    assert.ok(refs.length > 800);
    for (const ref of refs) assert.ok(defs.definitions[ref.replace('#/definitions/', '')], ref);
  });

  it('compiles every kind of the oldest and newest version with ajv in strict mode', () => {
    assert.equal(compileAllKinds(join(SCHEMA_DIR, 'v1.36')), 98);
    assert.equal(compileAllKinds(join(SCHEMA_DIR, 'v1.25')), 65);
  });

  it('stamps each version with the hash of its source', () => {
    const table = readJson<Record<string, string>>('openapi-sha256.json');
    const stamp = readJson<{ sourceSha256: string; generatorSha256: string }>('v1.36', 'stamp.json');
    assert.equal(stamp.sourceSha256, table['v1.36.0']);
    assert.match(stamp.generatorSha256, /^[0-9a-f]{64}$/);
    for (const version of SUPPORTED_KUBERNETES_VERSIONS) assert.match(table[`v${version}.0`], /^[0-9a-f]{64}$/);
  });

  it('agrees with the removed-API table about every removal between the generated versions', () => {
    assert.deepEqual(removalGaps(readJson<TopIndex>('index.json'), readJson('removed-apis.json')), []);
    const top: TopIndex = { versions: ['1.25', '1.26'], apis: { 'x.k8s.io/v1': { Thing: ['1.25', '1.25'] } } };
    assert.deepEqual(removalGaps(top, { apis: [] }), ['x.k8s.io/v1 Thing is not served after 1.25 but schemas/removed-apis.json has no removal for it']);
  });
});

describe('convertVersion', () => {
  const source: Record<string, SourceSchema> = {
    'io.k8s.api.demo.v1.Widget': {
      type: 'object',
      description: 'A widget.',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string', enum: ['Widget'] },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        spec: { $ref: '#/definitions/io.k8s.api.demo.v1.WidgetSpec', description: 'The spec.' },
      },
      'x-kubernetes-group-version-kind': [{ group: 'demo.k8s.io', version: 'v1', kind: 'Widget' }],
    },
    'io.k8s.api.demo.v1.WidgetList': {
      type: 'object',
      properties: { metadata: { type: 'object' }, items: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.demo.v1.Widget' } } },
      'x-kubernetes-group-version-kind': [{ group: 'demo.k8s.io', version: 'v1', kind: 'WidgetList' }],
    },
    'io.k8s.api.demo.v1.WidgetSpec': {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', format: 'int32' },
        port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' },
      },
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { type: 'object', properties: { name: { type: 'string' } } },
    'io.k8s.apimachinery.pkg.apis.meta.v1.Status': {
      type: 'object',
      properties: { metadata: { type: 'object' } },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Status' }],
    },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    'io.k8s.api.demo.v1.Unused': { type: 'object', properties: { x: { type: 'string' } } },
  };

  it('keeps authorable kinds and what they reach, and applies the conversion rules', () => {
    const converted = convertVersion(source, { 'demo.k8s.io': ['Widget'] });
    assert.deepEqual(converted.index, { 'demo.k8s.io/v1': { Widget: { file: 'demo.k8s.io/v1/Widget.json', definition: 'io.k8s.api.demo.v1.Widget', namespaced: false } } });
    const defs = converted.definitions.definitions as Record<string, SchemaNode>;
    assert.deepEqual(Object.keys(defs).sort(), [
      'io.k8s.api.demo.v1.Widget',
      'io.k8s.api.demo.v1.WidgetSpec',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    ]);
    const spec = defs['io.k8s.api.demo.v1.WidgetSpec'];
    assert.deepEqual(spec.properties, {
      size: { format: 'int32', type: 'integer' },
      port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
      free: { type: ['object', 'null'], properties: { a: { type: ['string', 'null'] } }, 'x-kubernetes-preserve-unknown-fields': true },
      tags: { 'x-kubernetes-list-type': 'set', type: ['array', 'null'], items: { type: 'string' } },
    });
    assert.equal(spec.additionalProperties, false);
    assert.deepEqual(spec.type, ['object', 'null']);
    assert.equal((defs['io.k8s.api.demo.v1.Widget'].properties as Record<string, SchemaNode>).spec.description, 'The spec.');
  });
});

describe('schema sources', () => {
  it('prefers --source, then SHIPSHAPE_OPENAPI_DIR, then ../shared/k8s-openapi, then the network', () => {
    assert.deepEqual(chooseSource({ sourceFlag: '/a', envDir: '/b', repoRoot: '/nowhere/repo' }), { kind: 'dir', dir: '/a', origin: '--source' });
    assert.deepEqual(chooseSource({ envDir: '/b', repoRoot: '/nowhere/repo' }), { kind: 'dir', dir: '/b', origin: 'SHIPSHAPE_OPENAPI_DIR' });
    assert.equal(chooseSource({ repoRoot: '/nowhere/repo' }).kind, 'url');
    assert.deepEqual(chooseSource({ repoRoot: '/nowhere/repo', baseUrlFlag: 'http://mirror/x' }), { kind: 'url', baseUrl: 'http://mirror/x/' });
  });

  it('verifies downloads against the expected sha256', async () => {
    const body = '{"definitions":{}}';
    const server = createServer((req, res) => {
      if (req.url === '/v1.36.0/_definitions.json') res.end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const loaded = await downloadSource(base, '1.36', sha256(body));
      assert.equal(loaded.text, body);
      await assert.rejects(downloadSource(base, '1.36', sha256('other')), /does not match the expected/);
      await assert.rejects(downloadSource(base, '1.35', sha256(body)), /HTTP 404/);
      await assert.rejects(downloadSource(base, '1.36', undefined), /refusing to use an unverified download/);
    } finally {
      server.close();
    }
  });
});
