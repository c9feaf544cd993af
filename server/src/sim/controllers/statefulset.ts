import type { Controller, SimContext } from '../context';
import { ApiError, createObject, deleteObject } from '../store/api';
import type { StoreChange } from '../store/store';
import type { KObject, LabelSelector, Pod, PodTemplate } from '../types';
import { clone } from '../util/clone';
import { podTemplateHash } from '../util/names';
import { controllerRef, isPodAvailable, isPodReady, isTerminal, splitKey } from '../util/pods';
import { podFromTemplate } from './replicaset';
import { REVISION_HASH_LABEL, syncRevisions } from './history';

const SOURCE = 'statefulset-controller';

type StatefulSet = KObject & {
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplate;
    serviceName?: string;
    podManagementPolicy?: string;
    minReadySeconds?: number;
    ordinals?: { start?: number };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    revisionHistoryLimit?: number;
    volumeClaimTemplates?: (KObject & { spec: Record<string, unknown> })[];
  };
  status?: Record<string, unknown>;
};

/** The StatefulSet controller: stable names and claims, OrderedReady or Parallel, rolling update from the highest ordinal. */
export function statefulSetController(ctx: SimContext): Controller {
  const name = 'statefulset';
  return {
    name,
    observe(change: StoreChange) {
      const obj = change.object;
      if (obj.kind === 'StatefulSet') ctx.enqueue(name, `${obj.metadata.namespace}/${obj.metadata.name}`);
      else if (obj.kind === 'Pod') {
        const ref = controllerRef(obj);
        if (ref?.kind === 'StatefulSet') ctx.enqueue(name, `${obj.metadata.namespace}/${ref.name}`);
      }
    },
    reconcile(key: string) {
      const [ns, stsName] = splitKey(key);
      const sts = ctx.store.get<StatefulSet>('StatefulSet', ns, stsName);
      if (sts && !sts.metadata.deletionTimestamp) sync(ctx, sts);
    },
  };
}

function ordinalOf(pod: Pod, sts: StatefulSet): number {
  return Number(pod.metadata.name.slice(sts.metadata.name.length + 1));
}

function sync(ctx: SimContext, sts: StatefulSet): void {
  const hash = podTemplateHash(sts.spec.template);
  const updateRevision = `${sts.metadata.name}-${hash}`;
  const start = sts.spec.ordinals?.start ?? 0;
  const parallel = sts.spec.podManagementPolicy === 'Parallel';
  const pods = ctx.store.dependents(sts.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerRef(o)?.uid === sts.metadata.uid);
  const liveHashes = new Set(pods.map((p) => (p.metadata.labels?.[REVISION_HASH_LABEL] ?? '').slice(sts.metadata.name.length + 1)));
  if (sts.status?.currentRevision) liveHashes.add(String(sts.status.currentRevision).slice(sts.metadata.name.length + 1));
  syncRevisions(ctx, sts, hash, liveHashes);
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(p, sts), p]));
  const now = ctx.now();
  const healthy = (p: Pod | undefined): boolean => !!p && !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && isPodReady(p);
  let blocked = false;
  for (let i = start; i < start + sts.spec.replicas; i++) {
    const pod = byOrdinal.get(i);
    if (pod && isTerminal(pod) && !pod.metadata.deletionTimestamp) {
      removePod(ctx, sts, pod);
      blocked = true;
      if (!parallel) break;
      continue;
    }
    if (!pod) {
      if (blocked && !parallel) break;
      createPod(ctx, sts, i, updateRevision);
      if (!parallel) break;
      continue;
    }
    if (!healthy(pod) && !parallel) {
      blocked = true;
      break;
    }
  }
  const condemned = pods.filter((p) => ordinalOf(p, sts) >= start + sts.spec.replicas || ordinalOf(p, sts) < start).sort((a, b) => ordinalOf(b, sts) - ordinalOf(a, sts));
  const terminating = pods.some((p) => p.metadata.deletionTimestamp);
  if (condemned.length > 0 && !blocked) {
    if (parallel) for (const p of condemned) if (!p.metadata.deletionTimestamp) removePod(ctx, sts, p);
    if (!parallel && !terminating) removePod(ctx, sts, condemned[0]);
  }
  const allHealthy = [...Array(sts.spec.replicas).keys()].every((k) => healthy(byOrdinal.get(start + k)));
  if (sts.spec.updateStrategy?.type !== 'OnDelete' && allHealthy && !terminating && condemned.length === 0) {
    const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let i = start + sts.spec.replicas - 1; i >= start + partition; i--) {
      const pod = byOrdinal.get(i)!;
      if (pod.metadata.labels?.['controller-revision-hash'] !== updateRevision) {
        removePod(ctx, sts, pod);
        break;
      }
    }
  }
  writeStatus(ctx, sts, updateRevision, now);
}

function createPod(ctx: SimContext, sts: StatefulSet, ordinal: number, revision: string): void {
  const name = `${sts.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(sts.spec.template, sts, '');
  pod.metadata.name = name;
  delete pod.metadata.generateName;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), 'apps.kubernetes.io/pod-index': String(ordinal), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': name };
  pod.spec.hostname = name;
  if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
  const volumes = (pod.spec.volumes ?? []).filter((v) => !(sts.spec.volumeClaimTemplates ?? []).some((t) => t.metadata.name === v.name));
  for (const template of sts.spec.volumeClaimTemplates ?? []) {
    const claimName = `${template.metadata.name}-${sts.metadata.name}-${ordinal}`;
    if (!ctx.store.get('PersistentVolumeClaim', sts.metadata.namespace, claimName)) {
      try {
        createObject(ctx, {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: claimName, namespace: sts.metadata.namespace, uid: '', resourceVersion: '', creationTimestamp: '', labels: { ...(sts.spec.selector.matchLabels ?? {}) } },
          spec: clone(template.spec),
        });
        ctx.record(sts, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${name} in StatefulSet ${sts.metadata.name} success`, SOURCE);
      } catch (err) {
        ctx.record(sts, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${name} in StatefulSet ${sts.metadata.name} failed error: ${(err as Error).message}`, SOURCE);
        return;
      }
    }
    volumes.push({ name: template.metadata.name, persistentVolumeClaim: { claimName } });
  }
  if (volumes.length > 0) pod.spec.volumes = volumes;
  try {
    createObject(ctx, pod);
    ctx.record(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`, SOURCE);
  } catch (err) {
    ctx.record(sts, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${sts.metadata.name} failed error: ${err instanceof ApiError ? err.message : String(err)}`, SOURCE);
  }
}

function removePod(ctx: SimContext, sts: StatefulSet, pod: Pod): void {
  deleteObject(ctx, pod);
  ctx.record(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`, SOURCE);
}

function writeStatus(ctx: SimContext, sts: StatefulSet, updateRevision: string, now: number): void {
  const pods = ctx.store.dependents(sts.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && !o.metadata.deletionTimestamp && !isTerminal(o as Pod));
  const updated = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === updateRevision).length;
  const previous = (sts.status?.currentRevision as string | undefined) ?? updateRevision;
  const currentRevision = updated === sts.spec.replicas && pods.length === sts.spec.replicas ? updateRevision : previous;
  const status = {
    observedGeneration: sts.metadata.generation,
    replicas: pods.length,
    readyReplicas: pods.filter(isPodReady).length,
    currentReplicas: pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === currentRevision).length,
    updatedReplicas: updated,
    availableReplicas: pods.filter((p) => isPodAvailable(p, sts.spec.minReadySeconds ?? 0, now)).length,
    currentRevision,
    updateRevision,
    collisionCount: 0,
  };
  const current = ctx.store.get<StatefulSet>('StatefulSet', sts.metadata.namespace, sts.metadata.name);
  if (current) ctx.store.mutate(current, (s) => {
    s.status = status;
  });
}
