/**
 * Real-world manifests: each folder of ../shared/corpus/real-world is its own workspace (the files
 * directly in it). Cross-resource findings there were judged one by one:
 * - selector findings (service-no-match, service-port-mismatch) are all true: pods that live outside
 *   the folder, one label bug in the Kubernetes website guestbook, one targetPort bug (flocker);
 * - duplicate-resource findings are all real duplicates: folders that hold alternative variants of
 *   the same object (all-in-one vs. split files, per-cloud StorageClasses, before/after versions of a
 *   tutorial). They are listed below so that any other duplicate fails the test. Copies in two files of
 *   one folder are warnings; only copies inside one file are errors.
 * Indexed as one workspace, the corpus (hundreds of unrelated examples) gets no duplicate-resource
 * finding across folders.
 */
import assert from 'node:assert/strict';
import { relative as relativePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { corpusFolders, corpusRoot, scanFolder, type Finding } from './corpusScan';
import { parentOf } from '../../server/src/core/workspace/paths';

const root = corpusRoot();

/** Selector findings, judged true: file (relative to the corpus), line, why. */
const SELECTOR_FINDINGS: [string, string, number][] = [
  ['service-no-match', 'kubernetes-examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-generic.yaml', 17], // exporter pods come from the GPU operator
  ['service-no-match', 'kubernetes-examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-gke.yaml', 27], // GKE-managed exporter pods
  ['service-no-match', 'kubernetes-examples/_archived/storage/vitess/vtgate-service.yaml', 11], // the vtgate controller is not in the folder
  ['service-no-match', 'kubernetes-website/content/en/examples/application/guestbook/frontend-service.yaml', 17], // selects tier=frontend, pods have app.kubernetes.io/component=frontend
  ['service-port-mismatch', 'kubernetes-examples/_archived/volumes/flocker/flocker-pod-with-rc.yml', 11], // targetPort 80, container listens on 2368 (80 is only a hostPort)
];

/** Objects defined by several alternative files of one folder: "folder | Kind/name" → copies. */
const ALTERNATIVE_VARIANTS: Record<string, number> = {
  'kubernetes-examples/AI/vllm-deployment/hpa | ServiceMonitor/nvidia-dcgm-exporter-servicemonitor': 2,
  'kubernetes-examples/_archived/nodesjs-mongodb | ReplicationController/web-controller': 2,
  'kubernetes-examples/_archived/persistent-volume-provisioning | StorageClass/slow': 2,
  'kubernetes-examples/_archived/podsecuritypolicy/rbac | Pod/nginx': 2,
  'kubernetes-examples/_archived/storage/minio | Service/minio-service': 2,
  'kubernetes-examples/_archived/volumes/flexvolume | Pod/nginx': 2,
  'kubernetes-examples/_archived/volumes/iscsi | Pod/iscsipd': 2,
  'kubernetes-examples/_archived/volumes/nfs/provisioner | PersistentVolumeClaim/nfs-pv-provisioning-demo': 3,
  'kubernetes-examples/_archived/volumes/portworx | Pod/pvpod': 2,
  'kubernetes-examples/_archived/volumes/vsphere | Pod/pvpod': 3,
  'kubernetes-examples/_archived/volumes/vsphere | StorageClass/fast': 6,
  'kubernetes-examples/web/guestbook/all-in-one | Deployment/frontend': 2,
  'kubernetes-examples/web/guestbook/all-in-one | Deployment/redis-replica': 2,
  'kubernetes-examples/web/guestbook/all-in-one | Service/frontend': 2,
  'kubernetes-examples/web/guestbook/all-in-one | Service/redis-replica': 2,
  'kubernetes-website/content/en/examples/controllers | DaemonSet/fluentd-elasticsearch': 3,
  'kubernetes-website/content/en/examples/controllers | ReplicationController/my-nginx-v4': 2,
};

describe('real-world corpus', { skip: root === undefined ? 'corpus not present' : false }, () => {
  const findings: Finding[] = [];
  const scanned = () => {
    if (findings.length === 0) for (const { files } of corpusFolders(root as string)) findings.push(...scanFolder(files));
    return findings;
  };
  const rel = (f: Finding) => relativePath(root as string, f.file).replace(/\\/g, '/');

  it('reports per-rule counts and no internal errors', (t) => {
    const counts: Record<string, number> = {};
    for (const f of scanned()) counts[f.diagnostic.code] = (counts[f.diagnostic.code] ?? 0) + 1;
    t.diagnostic(`cross-resource findings per rule: ${JSON.stringify(counts)}`);
    assert.deepEqual(
      scanned().filter((f) => f.diagnostic.message.startsWith('Internal error')),
      [],
    );
  });

  it('has no selector false positives: exactly the judged service findings', () => {
    const selector = scanned()
      .filter((f) => f.diagnostic.code === 'service-no-match' || f.diagnostic.code === 'service-port-mismatch')
      .map((f) => [f.diagnostic.code, rel(f), f.diagnostic.range.start.line + 1]);
    assert.deepEqual(selector.sort(), [...SELECTOR_FINDINGS].sort());
  });

  it('has no duplicate-resource false positives: only the alternative variants of one folder', () => {
    const groups: Record<string, number> = {};
    for (const f of scanned().filter((x) => x.diagnostic.code === 'duplicate-resource')) {
      const m = /^(\S+) '([^']+)'/.exec(f.diagnostic.message);
      const folder = rel(f).replace(/\/[^/]+$/, '');
      const key = `${folder} | ${m?.[1]}/${m?.[2]}`;
      groups[key] = (groups[key] ?? 0) + 1;
    }
    assert.deepEqual(groups, ALTERNATIVE_VARIANTS);
  });

  it('reports alternative variants in separate files as warnings, copies inside one file as errors', () => {
    for (const f of scanned().filter((x) => x.diagnostic.code === 'duplicate-resource')) {
      const sameFile = f.diagnostic.message.includes('of this file');
      assert.equal(f.diagnostic.severity, sameFile ? 'error' : 'warning', `${rel(f)}: ${f.diagnostic.message}`);
    }
  });

  it('indexed as one workspace, reports no duplicate across folders', () => {
    const all = scanFolder(corpusFolders(root as string).flatMap((f) => f.files)).filter((f) => f.diagnostic.code === 'duplicate-resource');
    const acrossFolders = all.filter((f) => f.diagnostic.related?.some((r) => parentOf(r.uri) !== parentOf(pathToFileURL(f.file).href)));
    assert.deepEqual(
      acrossFolders.map((f) => `${rel(f)}: ${f.diagnostic.message}`),
      [],
    );
    const errors = all.filter((f) => f.diagnostic.severity === 'error');
    assert.deepEqual(
      errors.map((f) => `${rel(f)}: ${f.diagnostic.message}`),
      [],
      'no error-severity duplicates in the corpus',
    );
    const perFolder = scanned().filter((x) => x.diagnostic.code === 'duplicate-resource').length;
    assert.equal(all.length, perFolder, 'the same findings as folder by folder');
  });
});
