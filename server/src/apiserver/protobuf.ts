import { rfc3339 } from '../sim/util/time';
import { ApiFailure } from './status';

/**
 * Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), which kubectl's typed
 * clients send for `create deployment|service|configmap|secret|…`, `auth can-i` and evictions.
 * Decoded to JSON with a field table per message (wire facts of the Kubernetes API). A field the
 * table does not know is accepted only while it carries its zero value (Go's encoder writes every
 * non-pointer field); anything else is refused with 415, never silently dropped.
 */

type Json = Record<string, unknown>;
/** "name:type": type s string, i integer, i! integer kept when 0, b bool, y bytes, t Time, n IntOrString, q Quantity, or a message; prefix [ repeated, { map<string, type>. */
type Table = Record<number, string>;

const MESSAGES: Record<string, Table> = {
  Unknown: { 1: 'typeMeta:TypeMeta', 2: 'raw:y', 3: 'contentEncoding:s', 4: 'contentType:s' },
  TypeMeta: { 1: 'apiVersion:s', 2: 'kind:s' },
  ObjectMeta: {
    1: 'name:s',
    2: 'generateName:s',
    3: 'namespace:s',
    5: 'uid:s',
    6: 'resourceVersion:s',
    7: 'generation:i',
    8: 'creationTimestamp:t',
    9: 'deletionTimestamp:t',
    10: 'deletionGracePeriodSeconds:i',
    11: 'labels:{s',
    12: 'annotations:{s',
    14: 'finalizers:[s',
  },
  LabelSelector: { 1: 'matchLabels:{s', 2: 'matchExpressions:[LabelSelectorRequirement' },
  LabelSelectorRequirement: { 1: 'key:s', 2: 'operator:s', 3: 'values:[s' },
  PodTemplateSpec: { 1: 'metadata:ObjectMeta', 2: 'spec:PodSpec' },
  PodSpec: {
    2: 'containers:[Container',
    3: 'restartPolicy:s',
    4: 'terminationGracePeriodSeconds:i!',
    7: 'nodeSelector:{s',
    8: 'serviceAccountName:s',
    10: 'nodeName:s',
    20: 'initContainers:[Container',
  },
  Container: {
    1: 'name:s',
    2: 'image:s',
    3: 'command:[s',
    4: 'args:[s',
    5: 'workingDir:s',
    6: 'ports:[ContainerPort',
    7: 'env:[EnvVar',
    8: 'resources:ResourceRequirements',
    14: 'imagePullPolicy:s',
    16: 'stdin:b',
    17: 'stdinOnce:b',
    18: 'tty:b',
  },
  ContainerPort: { 1: 'name:s', 2: 'hostPort:i', 3: 'containerPort:i', 4: 'protocol:s', 5: 'hostIP:s' },
  EnvVar: { 1: 'name:s', 2: 'value:s' },
  ResourceRequirements: { 1: 'limits:{q', 2: 'requests:{q' },
  Deployment: { 1: 'metadata:ObjectMeta', 2: 'spec:DeploymentSpec' },
  DeploymentSpec: {
    1: 'replicas:i!',
    2: 'selector:LabelSelector',
    3: 'template:PodTemplateSpec',
    4: 'strategy:DeploymentStrategy',
    5: 'minReadySeconds:i',
    6: 'revisionHistoryLimit:i!',
    7: 'paused:b',
    9: 'progressDeadlineSeconds:i!',
  },
  DeploymentStrategy: { 1: 'type:s', 2: 'rollingUpdate:RollingUpdateDeployment' },
  RollingUpdateDeployment: { 1: 'maxUnavailable:n', 2: 'maxSurge:n' },
  Service: { 1: 'metadata:ObjectMeta', 2: 'spec:ServiceSpec' },
  ServiceSpec: {
    1: 'ports:[ServicePort',
    2: 'selector:{s',
    3: 'clusterIP:s',
    4: 'type:s',
    5: 'externalIPs:[s',
    7: 'sessionAffinity:s',
    10: 'externalName:s',
    18: 'clusterIPs:[s',
  },
  ServicePort: { 1: 'name:s', 2: 'protocol:s', 3: 'port:i', 4: 'targetPort:n', 5: 'nodePort:i' },
  ConfigMap: { 1: 'metadata:ObjectMeta', 2: 'data:{s', 3: 'binaryData:{y', 4: 'immutable:b' },
  Secret: { 1: 'metadata:ObjectMeta', 2: 'data:{y', 3: 'type:s', 4: 'stringData:{s', 5: 'immutable:b' },
  Namespace: { 1: 'metadata:ObjectMeta' },
  ServiceAccount: { 1: 'metadata:ObjectMeta', 4: 'automountServiceAccountToken:b' },
  Job: { 1: 'metadata:ObjectMeta', 2: 'spec:JobSpec' },
  JobSpec: {
    1: 'parallelism:i!',
    2: 'completions:i!',
    3: 'activeDeadlineSeconds:i',
    4: 'selector:LabelSelector',
    5: 'manualSelector:b',
    6: 'template:PodTemplateSpec',
    7: 'backoffLimit:i!',
    10: 'suspend:b',
  },
  CronJob: { 1: 'metadata:ObjectMeta', 2: 'spec:CronJobSpec' },
  CronJobSpec: { 1: 'schedule:s', 2: 'startingDeadlineSeconds:i', 3: 'concurrencyPolicy:s', 4: 'suspend:b', 5: 'jobTemplate:JobTemplateSpec', 8: 'timeZone:s' },
  JobTemplateSpec: { 1: 'metadata:ObjectMeta', 2: 'spec:JobSpec' },
  Role: { 1: 'metadata:ObjectMeta', 2: 'rules:[PolicyRule' },
  ClusterRole: { 1: 'metadata:ObjectMeta', 2: 'rules:[PolicyRule' },
  PolicyRule: { 1: 'verbs:[s', 2: 'apiGroups:[s', 3: 'resources:[s', 4: 'resourceNames:[s', 5: 'nonResourceURLs:[s' },
  RoleBinding: { 1: 'metadata:ObjectMeta', 2: 'subjects:[Subject', 3: 'roleRef:RoleRef' },
  ClusterRoleBinding: { 1: 'metadata:ObjectMeta', 2: 'subjects:[Subject', 3: 'roleRef:RoleRef' },
  Subject: { 1: 'kind:s', 2: 'apiGroup:s', 3: 'name:s', 4: 'namespace:s' },
  RoleRef: { 1: 'apiGroup:s', 2: 'kind:s', 3: 'name:s' },
  SelfSubjectAccessReview: { 1: 'metadata:ObjectMeta', 2: 'spec:SelfSubjectAccessReviewSpec' },
  SelfSubjectAccessReviewSpec: { 1: 'resourceAttributes:ResourceAttributes', 2: 'nonResourceAttributes:NonResourceAttributes' },
  ResourceAttributes: { 1: 'namespace:s', 2: 'verb:s', 3: 'group:s', 4: 'version:s', 5: 'resource:s', 6: 'subresource:s', 7: 'name:s' },
  NonResourceAttributes: { 1: 'path:s', 2: 'verb:s' },
  Eviction: { 1: 'metadata:ObjectMeta', 2: 'deleteOptions:DeleteOptions' },
  DeleteOptions: { 1: 'gracePeriodSeconds:i!', 3: 'orphanDependents:b', 4: 'propagationPolicy:s', 5: 'dryRun:[s' },
  PodDisruptionBudget: { 1: 'metadata:ObjectMeta', 2: 'spec:PodDisruptionBudgetSpec' },
  PodDisruptionBudgetSpec: { 1: 'minAvailable:n', 2: 'selector:LabelSelector', 3: 'maxUnavailable:n' },
  PriorityClass: { 1: 'metadata:ObjectMeta', 2: 'value:i!', 3: 'globalDefault:b', 4: 'description:s', 5: 'preemptionPolicy:s' },
  IntOrString: { 1: 'type:i', 2: 'intVal:i', 3: 'strVal:s' },
  Time: { 1: 'seconds:i', 2: 'nanos:i' },
  Quantity: { 1: 'string:s' },
};

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.buf.length) throw malformed('truncated varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw malformed('varint too long');
    }
  }
  bytes(): Buffer {
    const n = this.varint();
    if (this.pos + n > this.buf.length) throw malformed('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): { zero: boolean } {
    switch (wire) {
      case 0:
        return { zero: this.varint() === 0 };
      case 1:
        this.pos += 8;
        return { zero: false };
      case 2:
        return { zero: isZeroMessage(this.bytes()) };
      case 5:
        this.pos += 4;
        return { zero: false };
      default:
        throw malformed(`unsupported wire type ${wire}`);
    }
  }
}

/** True when the bytes are empty or a message whose every field holds its zero value (Go writes those). */
function isZeroMessage(data: Buffer, depth = 0): boolean {
  if (data.length === 0) return true;
  if (depth > 20) return false;
  const r = new Reader(data);
  try {
    while (!r.done) {
      const tag = r.varint();
      const wire = tag & 7;
      if (tag >> 3 === 0) return false;
      if (wire === 0 && r.varint() !== 0) return false;
      if (wire === 2 && !isZeroMessage(r.bytes(), depth + 1)) return false;
      if (wire === 1 || wire === 5) {
        const size = wire === 1 ? 8 : 4;
        if (r.pos + size > data.length || data.subarray(r.pos, r.pos + size).some((b) => b !== 0)) return false;
        r.pos += size;
      }
      if (wire > 5 || wire === 3 || wire === 4) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function malformed(detail: string): ApiFailure {
  return new ApiFailure(400, 'BadRequest', `the protobuf request body could not be decoded: ${detail}`);
}

function toSigned(n: number): number {
  return n >= 2 ** 63 ? n - 2 ** 64 : n;
}

function scalar(type: string, r: Reader, wire: number): unknown {
  switch (type) {
    case 's':
      return r.bytes().toString('utf8');
    case 'y':
      return r.bytes().toString('base64');
    case 'i':
    case 'i!':
      return toSigned(r.varint());
    case 'b':
      return r.varint() !== 0;
    case 't': {
      const t = decodeMessage('Time', r.bytes());
      return t.seconds === undefined ? undefined : rfc3339(Number(t.seconds) * 1000);
    }
    case 'n': {
      const v = decodeMessage('IntOrString', r.bytes());
      return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
    }
    case 'q':
      return decodeMessage('Quantity', r.bytes()).string ?? '0';
    default:
      if (wire !== 2) throw malformed(`field of message ${type} has wire type ${wire}`);
      return decodeMessage(type, r.bytes());
  }
}

function isZero(value: unknown, type: string): boolean {
  if (type === 'i!' || type === 'n') return false;
  return value === '' || value === 0 || value === false || value === undefined;
}

/** Decodes one message into JSON by its table. */
export function decodeMessage(name: string, data: Buffer): Json {
  const table = MESSAGES[name];
  if (!table)
    throw new ApiFailure(
      415,
      'UnsupportedMediaType',
      `the simulated cluster cannot decode protobuf message ${name}; send JSON instead (kubectl apply -f or create -f)`,
    );
  const out: Json = {};
  const r = new Reader(data);
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    const spec = table[field];
    if (!spec) {
      if (!r.skip(wire).zero)
        throw new ApiFailure(
          415,
          'UnsupportedMediaType',
          `the simulated cluster cannot decode field ${field} of protobuf message ${name}; send the object as JSON instead (kubectl create -f FILE)`,
        );
      continue;
    }
    const [key, rawType] = spec.split(':');
    if (rawType.startsWith('{')) {
      const entry = new Reader(r.bytes());
      let k = '';
      let v: unknown = rawType === '{s' ? '' : undefined;
      while (!entry.done) {
        const t = entry.varint();
        if (t >> 3 === 1) k = entry.bytes().toString('utf8');
        else if (t >> 3 === 2) v = scalar(rawType.slice(1), entry, t & 7);
        else entry.skip(t & 7);
      }
      const map = (out[key] ??= {}) as Json;
      map[k] = v ?? (rawType === '{q' ? '0' : '');
    } else if (rawType.startsWith('[')) {
      const list = (out[key] ??= []) as unknown[];
      list.push(scalar(rawType.slice(1), r, wire));
    } else {
      const value = scalar(rawType, r, wire);
      if (!isZero(value, rawType)) out[key] = value;
    }
  }
  return out;
}

/** `k8s\0` + runtime.Unknown{typeMeta, raw}: the object as JSON, with its apiVersion and kind. */
export function decodeKubernetesProtobuf(body: Buffer): Json {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\u0000') throw malformed('missing the k8s envelope');
  const envelope = decodeMessage('Unknown', body.subarray(4));
  const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const kind = typeMeta.kind ?? '';
  const object = decodeMessage(kind, Buffer.from(String(envelope.raw ?? ''), 'base64'));
  return { apiVersion: typeMeta.apiVersion, kind, ...object };
}

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
