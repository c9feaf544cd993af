/** `kind: List` documents (their items are objects of their own) and objects without apiVersion/kind. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/core/analysis/analyzeFile';
import { PLAIN_FILE, type FileRole } from '../../server/src/core/analysis/fileRole';
import { DEFAULT_SETTINGS } from '../../server/src/core/analysis/settings';
import { resourceRange, resourcesOf } from '../../server/src/core/model/resource';
import { parseFile } from '../../server/src/core/parse/parseFile';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { rangeText } from './helpers';

const env = createDefaultEnvironment();

function analyze(text: string, role: FileRole = PLAIN_FILE): string[] {
  const file = parseFile('file:///t.yaml', text);
  return analyzeFile(file, resourcesOf(file), DEFAULT_SETTINGS, env, role).map((d) => `${rangeText(d.range)} [${d.code}] ${d.message}`);
}

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: Settings
    data: {a: "1"}
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: web
              image: nginx
              ports: [{containerPort: 70000}]
              bogus: 1
`;

describe('list documents', () => {
  it('expose each item as a resource, with ranges inside the list', () => {
    const file = parseFile('file:///t.yaml', LIST);
    const resources = resourcesOf(file);
    assert.deepEqual(
      resources.map((r) => [r.kind, r.name, r.documentIndex, r.listItem, rangeText(r.range)]),
      [
        ['ConfigMap', 'Settings', 0, 0, '3:4-7:18'],
        ['Deployment', 'web', 0, 1, '8:4-21:22'],
      ],
    );
    assert.equal(rangeText(resourceRange(resources[1], ['metadata', 'name'])), '11:12-11:15');
  });

  it('check each item as its own object', () => {
    assert.deepEqual(analyze(LIST), [
      "6:12-6:20 [invalid-value] metadata.name: Invalid value: \"Settings\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "21:14-21:19 [schema] Unknown field 'bogus' in Container",
      '20:38-20:43 [invalid-value] spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('check typed lists (ConfigMapList) the same way', () => {
    const text = 'apiVersion: v1\nkind: ConfigMapList\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n    data: {k: 1}\n';
    assert.deepEqual(analyze(text), ['6:14-6:15 [schema] expected string, got integer; quote it: "1"']);
  });

  it('report items without kind or apiVersion the way kubectl does', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata: {name: a}\n  - kind: ConfigMap\n    metadata: {name: b}\n';
    assert.deepEqual(analyze(text), ['3:4-3:18 [schema] kind not set', '5:4-5:19 [schema] apiVersion not set']);
  });

  it('report nothing for an empty list', () => {
    assert.deepEqual(analyze('apiVersion: v1\nkind: List\nitems: []\n'), []);
  });
});

describe('objects without apiVersion or kind', () => {
  it('are reported like kubectl: "apiVersion not set", "kind not set", on the first line', () => {
    assert.deepEqual(analyze('kind: ConfigMap\nmetadata:\n  name: a\ndata: {x: "1"}\n'), ['0:0-0:15 [schema] apiVersion not set']);
    assert.deepEqual(analyze('# settings\napiVersion: v1\nmetadata:\n  name: a\ndata: {x: "1"}\n'), ['1:0-1:14 [schema] kind not set']);
    assert.deepEqual(analyze('metadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 2\n'), [
      '0:0-0:9 [schema] kind not set',
      '0:0-0:9 [schema] apiVersion not set',
    ]);
    assert.deepEqual(analyze('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Service\nspec:\n  ports: [{port: 80}]\n'), [
      '4:0-4:13 [schema] apiVersion not set',
    ]);
  });

  it('leave YAML that is clearly not a manifest alone', () => {
    const notManifests = [
      // docker-compose
      'version: "3.8"\nservices:\n  web:\n    image: nginx\n    ports: ["80:80"]\nvolumes:\n  data: {}\n',
      // GitHub workflow
      'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
      // Helm values
      'replicaCount: 1\nimage:\n  repository: nginx\n  tag: ""\nservice:\n  type: ClusterIP\n  port: 80\nmetadata:\n  name: x\n',
      // Helm Chart.yaml
      'apiVersion: v2\nname: web\nversion: 0.1.0\ntype: application\n',
      // kustomization.yaml without apiVersion/kind
      'namespace: shop\nresources: [deploy.yaml]\ncommonLabels: {app: web}\n',
      // Drone CI
      'kind: pipeline\ntype: docker\nname: default\nsteps:\n  - name: test\n    image: node\n',
      // a plain settings file
      'spec:\n  replicas: 2\ndata: {a: 1}\n',
      'type: string\ndescription: a JSON schema\n',
    ];
    for (const text of notManifests) assert.deepEqual(analyze(text), [], text);
  });

  it('are not reported in Kustomize patches', () => {
    assert.deepEqual(analyze('metadata:\n  name: web\nspec:\n  replicas: 3\n', { helmTemplate: false, kustomizePatch: true }), []);
  });
});
