import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldPath } from '../../server/src/core/model/locate';
import { deployment, service, uriOf, workspaceOf } from './helpers';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {LEVEL: info}\n`;
const podSpec = `          env:\n            - name: LEVEL\n              valueFrom:\n                configMapKeyRef: {name: settings, key: LEVEL}\n      volumes:\n        - name: c\n          configMap: {name: settings}\n`;

describe('workspace lookups', () => {
  const ws = workspaceOf({
    'deploy.yaml': deployment('web', { app: 'web' }, { podSpec }),
    'svc.yaml': service('web', { app: 'web' }),
    'cm.yaml': cm('settings'),
    'other.yaml': service('api', { app: 'api' }, { namespace: 'shop' }),
  });
  const [deploy] = ws.resourcesInFile(uriOf('deploy.yaml'));
  const [svc] = ws.resourcesInFile(uriOf('svc.yaml'));
  const [settings] = ws.resourcesInFile(uriOf('cm.yaml'));

  it('lists references with their paths, targets and keys', () => {
    const refs = ws.referencesOf(deploy.resource).map((r) => [fieldPath(r.path), r.targetKind, r.targetNamespace, r.targetName, r.key ?? '']);
    assert.deepEqual(refs, [
      ['spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name', 'ConfigMap', 'default', 'settings', 'LEVEL'],
      ['spec.template.spec.volumes[0].configMap.name', 'ConfigMap', 'default', 'settings', ''],
    ]);
  });

  it('resolves a reference to its definition (go-to-definition) and back (find-references)', () => {
    const [first] = ws.referencesOf(deploy);
    const [def] = ws.resolveReference(deploy, first);
    assert.equal(def.uri, uriOf('cm.yaml'));
    assert.equal(def.range?.start.line, 3);
    assert.equal(def.source, settings);
    const back = ws.referencesTo(settings.resource).map((r) => fieldPath(r.reference.path));
    assert.deepEqual(back, ['spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name', 'spec.template.spec.volumes[0].configMap.name']);
  });

  it('answers which pods a Service selects and which Services select a workload', () => {
    assert.deepEqual(
      ws.podTemplatesSelectedBy(svc.resource).map((t) => t.owner.resource.name),
      ['web'],
    );
    assert.deepEqual(
      ws.servicesSelecting(deploy.resource).map((s) => s.resource.name),
      ['web'],
    );
  });

  it('finds resources by kind, namespace and name, and objects for completion', () => {
    assert.deepEqual(
      ws.findResources({ kind: 'Service' }).map((r) => `${r.namespace}/${r.resource.name}`).sort(),
      ['default/web', 'shop/api'],
    );
    assert.deepEqual(
      ws.findResources({ kind: 'Service', namespace: 'shop' }).map((r) => r.resource.name),
      ['api'],
    );
    assert.deepEqual(
      ws.definitionsOfKind('ConfigMap', 'default').map((d) => d.name),
      ['settings'],
    );
    assert.deepEqual(
      ws.definitionsNamed('ServiceAccount', 'anywhere', 'default').map((d) => d.origin),
      ['built-in'],
    );
    assert.equal([...ws.resources()].length, 4);
    assert.equal(ws.entryOf(settings.resource), settings);
  });

  it('lists workspace symbols matching a query', () => {
    const symbols = ws.workspaceSymbols('web');
    assert.deepEqual(
      symbols.map((s) => [s.name, s.namespace, s.uri.slice(uriOf('').length), s.selectionRange.start.line]).sort(),
      [
        ['Deployment/web', 'default', 'deploy.yaml', 3],
        ['Service/web', 'default', 'svc.yaml', 3],
      ],
    );
    assert.equal(ws.workspaceSymbols('').length, 4);
  });

  it('tells the role of a file not indexed yet from its text', () => {
    assert.equal(ws.fileRole('file:///ws/chart/templates/x.yaml', 'name: {{ .Values.name }}').helmTemplate, true);
    assert.deepEqual(ws.fileRole('file:///ws/new.yaml', 'kind: ConfigMap'), { helmTemplate: false, kustomizePatch: false });
  });
});
