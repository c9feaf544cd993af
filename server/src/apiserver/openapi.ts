import { createHash } from 'node:crypto';
import type { ApiResponse, OpenApiSource } from './context';
import { loadDefinitions, refName, type Definitions, type Schema } from './definitions';
import { groupVersion, groupVersions, RESOURCES, type ResourceInfo } from './registry';
import { notFoundPath } from './router';
import { ApiFailure } from './status';

function unavailable(): ApiFailure {
  return new ApiFailure(503, 'ServiceUnavailable', 'the OpenAPI definitions were not generated: run `npm run schemas`');
}

/** Definitions reachable from `roots`, with `$ref`s pointing at `prefix`. */
function closure(defs: Definitions, roots: string[], prefix: string): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (out[name] || !defs.definitions[name]) continue;
    out[name] = rewrite(defs.definitions[name], prefix, queue) as Schema;
  }
  return out;
}

function rewrite(value: unknown, prefix: string, refs: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, prefix, refs));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string') {
      refs.push(refName(v));
      out.$ref = `${prefix}${refName(v)}`;
    } else out[key] = rewrite(v, prefix, refs);
  }
  // OpenAPI v3 needs allOf around a $ref that carries siblings (descriptions).
  if (prefix.startsWith('#/components') && typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [{ $ref }] };
  }
  return out;
}

const QUERY = (name: string, description: string): Record<string, unknown> => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', uniqueItems: true },
});
const PARAMS = {
  dryRun: QUERY('dryRun', 'When present, indicates that modifications should not be persisted.'),
  fieldManager: QUERY('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  fieldValidation: QUERY(
    'fieldValidation',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.',
  ),
  force: { name: 'force', in: 'query', description: 'Force is going to "force" Apply requests.', schema: { type: 'boolean', uniqueItems: true } },
};

function operations(r: ResourceInfo, defName: string, item: boolean): Record<string, unknown> {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const ref = { $ref: `#/components/schemas/${defName}` };
  const body = { content: { '*/*': { schema: ref } }, required: true };
  const ok = { responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } } };
  const op = (action: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    operationId: `${action}${r.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...ok,
    ...extra,
  });
  if (!item) return { get: op('list'), post: op('post', { requestBody: body, parameters: [PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation] }) };
  return {
    get: op('get'),
    put: op('put', { requestBody: body, parameters: [PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation] }),
    patch: op('patch', {
      requestBody: {
        content: [
          'application/json-patch+json',
          'application/merge-patch+json',
          'application/strategic-merge-patch+json',
          'application/apply-patch+yaml',
        ].reduce((acc, t) => ({ ...acc, [t]: { schema: { type: 'object' } } }), {}),
        required: true,
      },
      parameters: [PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation, PARAMS.force],
    }),
    delete: op('delete'),
  };
}

function resourcePaths(r: ResourceInfo, defName: string): Record<string, unknown> {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const scope = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}` : `${base}/${r.resource}`;
  const params = [
    { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
    ...(r.namespaced ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string' } }] : []),
  ];
  return {
    [scope]: operations(r, defName, false),
    [`${scope}/{name}`]: { ...operations(r, defName, true), parameters: params },
  };
}

export class PublishedOpenApi implements OpenApiSource {
  private v3Docs = new Map<string, { doc: unknown; hash: string }>();
  private v2Doc: unknown;

  private defs(): Definitions {
    const defs = loadDefinitions();
    if (!defs) throw unavailable();
    return defs;
  }

  v2(accept: string | undefined): ApiResponse {
    if (accept && /protobuf/.test(accept) && !/json/.test(accept)) {
      throw new ApiFailure(406, 'NotAcceptable', 'only application/json is served for /openapi/v2; kubectl reads /openapi/v3');
    }
    if (!this.v2Doc) {
      const defs = this.defs();
      const paths: Record<string, unknown> = {};
      this.v2Doc = {
        swagger: '2.0',
        info: { title: 'Kubernetes', version: `v${defs.version}.0` },
        paths,
        definitions: closure(defs, Object.keys(defs.definitions), '#/definitions/'),
      };
    }
    return { kind: 'json', code: 200, body: this.v2Doc };
  }

  v3Index(): unknown {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const gv of groupVersions()) {
      const key = gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${this.document(gv.group, gv.version).hash}` };
    }
    return { paths };
  }

  v3GroupVersion(group: string, version: string): unknown {
    return this.document(group, version).doc;
  }

  private document(group: string, version: string): { doc: unknown; hash: string } {
    const key = groupVersion({ group, version });
    const cached = this.v3Docs.get(key);
    if (cached) return cached;
    const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
    if (resources.length === 0) throw notFoundPath();
    const defs = this.defs();
    const roots: string[] = [];
    let paths: Record<string, unknown> = {};
    for (const r of resources) {
      const defName = defs.byGvk.get(`${r.group}/${r.version}/${r.kind}`);
      if (!defName) continue;
      roots.push(defName);
      paths = { ...paths, ...resourcePaths(r, defName) };
    }
    const doc = {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: `v${defs.version}.0` },
      paths,
      components: { schemas: closure(defs, roots, '#/components/schemas/') },
    };
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
    const entry = { doc, hash };
    this.v3Docs.set(key, entry);
    return entry;
  }
}
