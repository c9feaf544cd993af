import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSchemaChecks } from '../../server/src/core/schema/kubernetesSchemas';
import type { CustomKindRegistry } from '../../server/src/core/schema/schemaChecks';
import { NO_CUSTOM_KINDS } from '../../server/src/core/schema/schemaChecks';
import type { Resource } from '../../server/src/core/model/resource';
import { check, rangeText, resourceFromYaml, resourcesFromYaml, SCHEMA_DIR, schemas } from './helpers';

const doc = (apiVersion: string, kind: string, rest = 'metadata:\n  name: x\n'): string => `apiVersion: ${apiVersion}\nkind: ${kind}\n${rest}`;

function served(apiVersion: string, kind: string, version: string, customKinds: CustomKindRegistry = NO_CUSTOM_KINDS): boolean {
  return schemas.checkKind(resourceFromYaml(doc(apiVersion, kind)), version, customKinds).served;
}

describe('unknown-kind', () => {
  it('suggests the built-in kind for a typo, on the kind value', () => {
    const problems = check(doc('apps/v1', 'Deploymnet'));
    assert.equal(problems.length, 1);
    const [p] = problems;
    assert.equal(p.id, 'unknown-kind');
    assert.equal(p.severity, undefined);
    assert.equal(p.message, "Unknown kind 'Deploymnet'; did you mean 'Deployment'?");
    assert.equal(p.suggestion, 'Deployment');
    assert.equal(rangeText(p.range), '1:6-1:16');
  });

  it('matches kinds case-insensitively and names the apiVersion when it differs', () => {
    assert.deepEqual(
      check(doc('apps/v1', 'deployment')).map((p) => [p.message, p.suggestion]),
      [["Unknown kind 'deployment'; did you mean 'Deployment'?", 'Deployment']],
    );
    assert.deepEqual(
      check(doc('v1', 'ConfigMapp')).map((p) => p.message),
      ["Unknown kind 'ConfigMapp'; did you mean 'ConfigMap'?"],
    );
    assert.deepEqual(
      check(doc('v1', 'Deploymnt')).map((p) => p.message),
      ["Unknown kind 'Deploymnt'; did you mean 'Deployment' (apps/v1)?"],
    );
  });

  it('names the right apiVersion for a known kind under the wrong one', () => {
    const service = check(doc('apps/v1', 'Service'));
    assert.deepEqual(
      service.map((p) => [p.id, p.message, p.suggestion, rangeText(p.range)]),
      [['unknown-kind', 'Service is not served under apps/v1; use v1', 'v1', '0:12-0:19']],
    );
    assert.deepEqual(
      check(doc('v1', 'Deployment')).map((p) => p.message),
      ['Deployment is not served under v1; use apps/v1'],
    );
    assert.deepEqual(
      check(doc('networkin.k8s.io/v1', 'Ingress')).map((p) => [p.message, p.suggestion]),
      [["Unknown API group 'networkin.k8s.io'; did you mean networking.k8s.io/v1?", 'networking.k8s.io/v1']],
    );
  });

  it('accepts kinds defined by a CustomResourceDefinition of the workspace', () => {
    const crds: CustomKindRegistry = { hasKind: (g, v, k) => g === 'example.com' && v === 'v1' && k === 'Widget', hasGroup: (g) => g === 'example.com' };
    assert.deepEqual(check(doc('example.com/v1', 'Widget'), '1.36', { customKinds: crds }), []);
    assert.equal(served('example.com/v1', 'Widget', '1.36', crds), true);
    const other = check(doc('example.com/v1', 'Gadget'), '1.36', { customKinds: crds });
    assert.deepEqual(
      other.map((p) => [p.severity, p.message]),
      [['warning', 'No CustomResourceDefinition in the workspace defines Gadget in example.com/v1']],
    );
  });

  it('reports an unknown custom resource as information, never as an error', () => {
    const problems = check(doc('monitoring.coreos.com/v1', 'ServiceMonitor'));
    assert.deepEqual(
      problems.map((p) => [p.id, p.severity, p.message, rangeText(p.range)]),
      [['unknown-kind', 'information', 'No CustomResourceDefinition for monitoring.coreos.com/v1 ServiceMonitor in the workspace; not validated', '1:6-1:20']],
    );
    assert.equal(served('monitoring.coreos.com/v1', 'ServiceMonitor', '1.36'), false);
    // Custom groups may reuse built-in kind names (Knative Service, OpenShift RoleBinding).
    assert.equal(check(doc('serving.knative.dev/v1', 'Service'))[0].severity, 'information');
  });

  it('warns about an unknown kind of a built-in group that looks like no typo', () => {
    assert.deepEqual(
      check(doc('v1', 'Policy')).map((p) => [p.severity, p.message]),
      [['warning', "Kubernetes 1.36 has no kind 'Policy' in v1; not validated"]],
    );
  });

  it('accepts kubectl lists and ignores kubeconfig files', () => {
    // A list document is not an object of its own (its items are); the kind itself is accepted.
    assert.deepEqual(resourcesFromYaml('apiVersion: v1\nkind: List\nitems: []\n'), []);
    const list = { apiVersion: 'v1', kind: 'List', group: '', version: 'v1' } as Resource;
    assert.deepEqual(schemas.checkKind(list, '1.36', NO_CUSTOM_KINDS), { served: true, problems: [] });
    assert.deepEqual(check('apiVersion: v1\nkind: Config\nclusters: []\n'), []);
  });
});

describe('removed-api', () => {
  it('is an error naming the removal version and the replacement', () => {
    const problems = check(doc('extensions/v1beta1', 'Ingress'));
    assert.deepEqual(
      problems.map((p) => [p.id, p.message, p.suggestion, rangeText(p.range)]),
      [['removed-api', 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1', 'networking.k8s.io/v1', '0:12-0:30']],
    );
    assert.equal(served('extensions/v1beta1', 'Ingress', '1.36'), false);
  });

  it('explains APIs removed without a replacement', () => {
    const [p] = check(doc('policy/v1beta1', 'PodSecurityPolicy'), '1.25');
    assert.equal(p.id, 'removed-api');
    assert.match(p.message, /^policy\/v1beta1 PodSecurityPolicy was removed in Kubernetes 1\.25\. PodSecurityPolicy has no replacement API; use Pod Security Admission/);
    assert.equal(p.suggestion, undefined);
  });

  it('follows the chosen Kubernetes version', () => {
    assert.deepEqual(check(doc('batch/v1beta1', 'CronJob'), '1.20'), []);
    assert.deepEqual(
      check(doc('batch/v1beta1', 'CronJob'), '1.25').map((p) => [p.id, p.message]),
      [['removed-api', 'batch/v1beta1 CronJob was removed in Kubernetes 1.25; use batch/v1']],
    );
  });
});

describe('deprecated-api', () => {
  it('warns while the API is still served and validates it against its own schema', () => {
    const hpa = doc('autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'metadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: 3\n');
    assert.deepEqual(
      check(hpa, '1.25').map((p) => [p.id, p.message, p.suggestion]),
      [['deprecated-api', 'autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated since Kubernetes 1.23 and will be removed in 1.26; use autoscaling/v2', 'autoscaling/v2']],
    );
    assert.deepEqual(
      check(hpa, '1.26').map((p) => [p.id, p.message]),
      [['removed-api', 'autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26; use autoscaling/v2']],
    );
    const broken = hpa.replace('maxReplicas: 3', 'maxReplica: 3');
    assert.deepEqual(
      check(broken, '1.25').map((p) => p.message),
      [
        'autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated since Kubernetes 1.23 and will be removed in 1.26; use autoscaling/v2',
        "Missing required field 'maxReplicas' in HorizontalPodAutoscalerSpec",
        "Unknown field 'maxReplica' in HorizontalPodAutoscalerSpec; did you mean 'maxReplicas'?",
      ],
    );
  });

  it('covers deprecated APIs that are not scheduled for removal', () => {
    assert.deepEqual(check(doc('v1', 'Endpoints'), '1.32'), []);
    assert.deepEqual(
      check(doc('v1', 'Endpoints'), '1.33').map((p) => [p.id, p.message]),
      [['deprecated-api', 'v1 Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice']],
    );
    assert.equal(check(doc('v1', 'ComponentStatus'), '1.25')[0].id, 'deprecated-api');
    // No replacement is offered that is less stable than the deprecated version (v1alpha2 is also served).
    assert.deepEqual(
      check(doc('coordination.k8s.io/v1beta1', 'LeaseCandidate'), '1.36')
        .filter((p) => p.id === 'deprecated-api')
        .map((p) => [p.message, p.suggestion]),
      [['coordination.k8s.io/v1beta1 LeaseCandidate is deprecated since Kubernetes 1.36 and is scheduled for removal in 1.39; it has no replacement', undefined]],
    );
    assert.deepEqual(
      check(doc('coordination.k8s.io/v1alpha1', 'LeaseCandidate'), '1.32').map((p) => p.message),
      ['coordination.k8s.io/v1alpha1 LeaseCandidate was removed in Kubernetes 1.32; use coordination.k8s.io/v1alpha2'],
    );
  });
});

describe('Kubernetes version selection', () => {
  it('knows kinds added after the chosen version', () => {
    assert.deepEqual(
      check(doc('resource.k8s.io/v1', 'DeviceClass'), '1.25').map((p) => [p.id, p.message]),
      [['unknown-kind', 'resource.k8s.io/v1 DeviceClass is not served by Kubernetes 1.25 (it is served from 1.34 on)']],
    );
    assert.deepEqual(check(doc('resource.k8s.io/v1', 'DeviceClass', 'metadata: {name: gpu}\nspec: {}\n'), '1.36'), []);
  });

  it('validates fields against the chosen version', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: b\n    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]\n';
    assert.deepEqual(
      check(pod, '1.25').map((p) => p.message),
      ["Unknown field 'resizePolicy' in Container"],
    );
    assert.deepEqual(check(pod, '1.36'), []);
  });

  it('uses the nearest generated version for versions that were not generated', () => {
    assert.equal(schemas.schemasFor('1.40').version, '1.36');
    assert.equal(schemas.schemasFor('1.20').version, '1.25');
    assert.equal(schemas.schemasFor('1.30').version, '1.30');
  });
});

describe('a schemas folder without generated versions', () => {
  it('turns the failure into a hint that says how to fix it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      copyFileSync(join(SCHEMA_DIR, 'removed-apis.json'), join(dir, 'removed-apis.json'));
      const result = createSchemaChecks(dir).checkKind(resourceFromYaml(doc('v1', 'Pod')), '1.36', NO_CUSTOM_KINDS);
      assert.equal(result.served, false);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0].severity, 'hint');
      assert.match(result.problems[0].message, /^Schema check failed: Kubernetes schemas are missing \(.*index\.json\)\. Run `npm run schemas` to generate them\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
