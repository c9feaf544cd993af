import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/core/analysis/settings';
import { createDefaultEnvironment } from '../../server/src/core/service/defaultEnvironment';
import { LanguageService } from '../../server/src/core/service/languageService';
import { createWorkspaceModel } from '../../server/src/core/service/workspaceModel';
import type { Diagnostic } from '../../server/src/core/types';

const URI = 'file:///ws/app.yaml';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolcy: Always
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: webb}
  ports: [{port: 80, protocl: TCP}]
`;
const CRONJOB = `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 0 * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: Sometimes, containers: [{name: c, image: busybox}]}}}}
`;

const join = (...docs: string[]): string => docs.join('---\n');

/** A service whose schema layer counts the resources it validates. */
function service(): LanguageService & { validated: string[] } {
  const env = createDefaultEnvironment();
  const validated: string[] = [];
  const schema = env.schema;
  const counting = {
    checkKind: schema.checkKind.bind(schema),
    validate: (...args: Parameters<typeof schema.validate>) => {
      validated.push(args[0].kind);
      return schema.validate(...args);
    },
  };
  return Object.assign(new LanguageService({ ...env, schema: counting }, createWorkspaceModel()), { validated });
}

/** Diagnostics of `text` computed from scratch by a new service. */
function fresh(text: string, settings?: object): Diagnostic[] {
  const s = service();
  if (settings) s.setSettings(normalizeSettings(settings));
  s.update(URI, text, 1);
  return s.diagnostics(URI);
}

describe('per-document reuse of diagnostics across versions', () => {
  it('moves the diagnostics of unchanged documents when lines are inserted above them', () => {
    const s = service();
    const v1 = join(DEPLOYMENT, SERVICE, CRONJOB);
    s.update(URI, v1, 1);
    assert.deepEqual(s.diagnostics(URI), fresh(v1));
    const v2 = join(DEPLOYMENT.replace('metadata:\n  name: web\n', 'metadata:\n  name: web\n  labels:\n    tier: front\n    team: a\n'), SERVICE, CRONJOB);
    s.update(URI, v2, 2);
    s.validated.length = 0;
    const incremental = s.diagnostics(URI);
    assert.deepEqual(s.validated, ['Deployment'], 'only the edited document is checked again');
    assert.deepEqual(incremental, fresh(v2));
    const cron = incremental.filter((d) => d.data?.documentIndex === 2);
    assert.ok(cron.length > 0, 'the CronJob has problems');
  });

  it('renumbers documents when one is inserted before them', () => {
    const s = service();
    const v1 = join(SERVICE, CRONJOB);
    s.update(URI, v1, 1);
    s.diagnostics(URI);
    const v2 = join(DEPLOYMENT, SERVICE, CRONJOB);
    s.update(URI, v2, 2);
    assert.deepEqual(s.diagnostics(URI), fresh(v2));
  });

  it('checks everything again after a settings change', () => {
    const s = service();
    const text = join(DEPLOYMENT, CRONJOB);
    s.update(URI, text, 1);
    s.diagnostics(URI);
    s.setSettings(normalizeSettings({ kubernetesVersion: '1.25' }));
    s.update(URI, text.replace('image: nginx', 'image: nginx:1'), 2);
    assert.deepEqual(s.diagnostics(URI), fresh(text.replace('image: nginx', 'image: nginx:1'), { kubernetesVersion: '1.25' }));
  });

  it('checks custom resources again when a CRD in the same file changes', () => {
    const crd = (kind: string): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: ${kind}, plural: widgets, singular: widget}
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {size: 3}\n';
    const s = service();
    const v1 = join(crd('Widget'), cr);
    s.update(URI, v1, 1);
    assert.deepEqual(s.diagnostics(URI), fresh(v1));
    const v2 = join(crd('Gadget'), cr);
    s.update(URI, v2, 2);
    const after = s.diagnostics(URI);
    assert.deepEqual(after, fresh(v2));
    assert.ok(
      after.some((d) => d.code === 'unknown-kind' && d.data?.documentIndex === 1),
      'the Widget is no longer defined',
    );
  });
});
