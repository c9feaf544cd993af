import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureWorkspace, labels } from './workspace';

const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: shop\ndata:\n  MODE: fast\n';
const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n    - name: a\n      image: x\n      envFrom:\n        - configMapRef:\n            name: ';

describe('features of a LanguageService without a workspace index', () => {
  it('complete and resolve references over the files the service holds', () => {
    const ws = new FeatureWorkspace({ 'file:///ws/config.yaml': CONFIG }, { withoutIndex: true });
    assert.deepEqual(labels(ws.complete('file:///ws/pod.yaml', POD + '|\n')), ['app-config']);
    ws.set('file:///ws/pod.yaml', POD + 'app-config\n');
    const found = ws.features.definition('file:///ws/pod.yaml', { line: 11, character: 18 });
    assert.deepEqual(found, [{ uri: 'file:///ws/config.yaml', range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } } }]);
    assert.deepEqual(
      ws.features.references('file:///ws/config.yaml', { line: 3, character: 9 }, false).map((l) => l.uri),
      ['file:///ws/pod.yaml'],
    );
  });

  it('forgets removed files and sees new versions', () => {
    const ws = new FeatureWorkspace({ 'file:///ws/config.yaml': CONFIG }, { withoutIndex: true });
    ws.set('file:///ws/config.yaml', CONFIG.replace('app-config', 'renamed'));
    assert.deepEqual(labels(ws.complete('file:///ws/pod.yaml', POD + '|\n')), ['renamed']);
    ws.service.remove('file:///ws/config.yaml');
    assert.deepEqual(labels(ws.complete('file:///ws/pod.yaml', POD + '|\n')), []);
  });
});
