import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../server/src/core/analysis/settings';
import type { ApiLifecycle, ClusterScopedKinds, EnumTable, KindIndex, TopIndex } from '../../server/src/core/schema/facts';
import type { SchemaNode } from '../../server/src/core/schema/versionSchemas';
import { compareVersions } from '../../server/src/core/schema/versions';
import { SCHEMA_DIR } from './helpers';

const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(SCHEMA_DIR, ...parts), 'utf8')) as T;
const lifecycles = readJson<{ apis: ApiLifecycle[] }>('removed-apis.json').apis;
const top = readJson<TopIndex>('index.json');
const definitionsByVersion = new Map(SUPPORTED_KUBERNETES_VERSIONS.map((v) => [v, readJson<{ definitions: Record<string, SchemaNode> }>(`v${v}`, '_definitions.json').definitions]));
const VERSION = /^1\.\d+$/;

describe('schemas/removed-apis.json', () => {
  it('has well-formed, consistent rows', () => {
    const keys = new Set<string>();
    for (const row of lifecycles) {
      const key = `${row.apiVersion} ${row.kind}`;
      assert.ok(!keys.has(key), `duplicate ${key}`);
      keys.add(key);
      assert.ok(['guide', 'changelog', 'openapi'].includes(row.source), key);
      for (const field of ['deprecatedIn', 'lastServedIn', 'removedIn', 'plannedRemovalIn'] as const) {
        if (row[field] !== undefined) assert.match(row[field] as string, VERSION, `${key} ${field}`);
      }
      assert.ok(row.removedIn !== undefined || row.deprecatedIn !== undefined, `${key} says nothing`);
      if (row.removedIn) assert.equal(compareVersions(row.lastServedIn as string, row.removedIn), -1, key);
      if (row.removedIn && row.deprecatedIn) assert.ok(compareVersions(row.deprecatedIn, row.removedIn) < 0, key);
      if (row.replacement) {
        const kind = row.replacementKind ?? row.kind;
        const laterRemoved = lifecycles.some((r) => r.apiVersion === row.replacement && r.kind === kind && r.removedIn);
        assert.ok(top.apis[row.replacement]?.[kind] || laterRemoved, `${key}: replacement ${row.replacement} ${kind} is unknown`);
      }
    }
  });

  it('covers the removals of the official deprecation guide', () => {
    const required: [string, string, string][] = [
      ['extensions/v1beta1', 'Deployment', '1.16'], ['extensions/v1beta1', 'DaemonSet', '1.16'], ['extensions/v1beta1', 'ReplicaSet', '1.16'],
      ['extensions/v1beta1', 'NetworkPolicy', '1.16'], ['extensions/v1beta1', 'PodSecurityPolicy', '1.16'], ['extensions/v1beta1', 'Ingress', '1.22'],
      ['apps/v1beta1', 'Deployment', '1.16'], ['apps/v1beta1', 'StatefulSet', '1.16'], ['apps/v1beta2', 'DaemonSet', '1.16'],
      ['networking.k8s.io/v1beta1', 'Ingress', '1.22'], ['networking.k8s.io/v1beta1', 'IngressClass', '1.22'], ['batch/v1beta1', 'CronJob', '1.25'],
      ['policy/v1beta1', 'PodDisruptionBudget', '1.25'], ['policy/v1beta1', 'PodSecurityPolicy', '1.25'],
      ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.25'], ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26'],
      ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole', '1.22'], ['rbac.authorization.k8s.io/v1alpha1', 'RoleBinding', '1.23'],
      ['storage.k8s.io/v1beta1', 'StorageClass', '1.22'], ['storage.k8s.io/v1beta1', 'CSIDriver', '1.22'], ['storage.k8s.io/v1beta1', 'CSINode', '1.22'],
      ['storage.k8s.io/v1beta1', 'VolumeAttachment', '1.22'], ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.27'],
      ['admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration', '1.22'], ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', '1.22'],
      ['apiregistration.k8s.io/v1beta1', 'APIService', '1.22'], ['certificates.k8s.io/v1beta1', 'CertificateSigningRequest', '1.22'],
      ['coordination.k8s.io/v1beta1', 'Lease', '1.22'], ['discovery.k8s.io/v1beta1', 'EndpointSlice', '1.25'], ['events.k8s.io/v1beta1', 'Event', '1.25'],
      ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.26'], ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29'],
      ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.32'], ['node.k8s.io/v1beta1', 'RuntimeClass', '1.25'],
      ['scheduling.k8s.io/v1beta1', 'PriorityClass', '1.22'], ['authentication.k8s.io/v1beta1', 'TokenReview', '1.22'],
      ['authorization.k8s.io/v1beta1', 'SubjectAccessReview', '1.22'], ['admissionregistration.k8s.io/v1alpha1', 'InitializerConfiguration', '1.14'],
    ];
    for (const [apiVersion, kind, removedIn] of required) {
      const row = lifecycles.find((r) => r.apiVersion === apiVersion && r.kind === kind);
      assert.equal(row?.removedIn, removedIn, `${apiVersion} ${kind}`);
    }
    const endpoints = lifecycles.find((r) => r.apiVersion === 'v1' && r.kind === 'Endpoints');
    assert.deepEqual([endpoints?.deprecatedIn, endpoints?.removedIn, endpoints?.replacementKind], ['1.33', undefined, 'EndpointSlice']);
    assert.equal(lifecycles.find((r) => r.apiVersion === 'v1' && r.kind === 'ComponentStatus')?.deprecatedIn, '1.19');
  });
});

describe('schemas/enums.json', () => {
  const enums = readJson<EnumTable>('enums.json');

  it('only names definitions and properties that exist in a generated version', () => {
    for (const [definition, properties] of Object.entries(enums)) {
      for (const [property, values] of Object.entries(properties)) {
        const exists = [...definitionsByVersion.values()].some((defs) => defs[definition]?.properties?.[property]);
        assert.ok(exists, `${definition}.${property}`);
        const plain = values.map((v) => (typeof v === 'string' ? v : v.value));
        assert.equal(new Set(plain).size, plain.length, `${definition}.${property} repeats a value`);
        for (const v of values) if (typeof v !== 'string') assert.match(v.since, VERSION);
      }
    }
  });

  it('covers the enum fields editors need', () => {
    const expected: [string, string][] = [
      ['io.k8s.api.core.v1.Container', 'imagePullPolicy'], ['io.k8s.api.core.v1.PodSpec', 'restartPolicy'], ['io.k8s.api.core.v1.Container', 'restartPolicy'],
      ['io.k8s.api.apps.v1.DeploymentStrategy', 'type'], ['io.k8s.api.apps.v1.StatefulSetSpec', 'podManagementPolicy'], ['io.k8s.api.apps.v1.DaemonSetUpdateStrategy', 'type'],
      ['io.k8s.api.core.v1.ServiceSpec', 'externalTrafficPolicy'], ['io.k8s.api.core.v1.ServiceSpec', 'ipFamilyPolicy'], ['io.k8s.api.networking.v1.HTTPIngressPath', 'pathType'],
      ['io.k8s.api.core.v1.PersistentVolumeClaimSpec', 'accessModes'], ['io.k8s.api.core.v1.PersistentVolumeSpec', 'persistentVolumeReclaimPolicy'],
      ['io.k8s.api.core.v1.PodSpec', 'dnsPolicy'], ['io.k8s.api.batch.v1.JobSpec', 'completionMode'], ['io.k8s.api.batch.v1.CronJobSpec', 'concurrencyPolicy'],
      ['io.k8s.api.core.v1.Toleration', 'effect'], ['io.k8s.api.core.v1.Taint', 'effect'], ['io.k8s.api.core.v1.NodeSelectorRequirement', 'operator'],
      ['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement', 'operator'], ['io.k8s.api.autoscaling.v2.MetricSpec', 'type'],
      ['io.k8s.api.autoscaling.v2.MetricTarget', 'type'], ['io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'unhealthyPodEvictionPolicy'],
      ['io.k8s.api.core.v1.SeccompProfile', 'type'], ['io.k8s.api.core.v1.AppArmorProfile', 'type'], ['io.k8s.api.core.v1.PodSecurityContext', 'fsGroupChangePolicy'],
      ['io.k8s.api.rbac.v1.Subject', 'kind'], ['io.k8s.api.core.v1.Container', 'terminationMessagePolicy'],
    ];
    for (const [definition, property] of expected) assert.ok(enums[definition]?.[property]?.length, `${definition}.${property}`);
  });
});

describe('schemas/cluster-scoped.json', () => {
  it('names kinds Kubernetes serves or served, and matches the generated indexes', () => {
    const scoped = readJson<ClusterScopedKinds>('cluster-scoped.json');
    const known = new Set(lifecycles.map((r) => `${r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : ''} ${r.kind}`));
    for (const [apiVersion, kinds] of Object.entries(top.apis)) for (const kind of Object.keys(kinds)) known.add(`${apiVersion.includes('/') ? apiVersion.split('/')[0] : ''} ${kind}`);
    for (const [group, kinds] of Object.entries(scoped)) for (const kind of kinds) assert.ok(known.has(`${group} ${kind}`), `${group} ${kind}`);
    const index = readJson<KindIndex>('v1.36', 'index.json');
    assert.equal(index['storage.k8s.io/v1'].CSIStorageCapacity.namespaced, true);
    assert.equal(index['resource.k8s.io/v1'].ResourceSlice.namespaced, false);
    assert.equal(index['resource.k8s.io/v1'].ResourceClaim.namespaced, true);
  });
});
