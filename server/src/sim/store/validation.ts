import { missingPersistentVolumeFields } from '../../core/rules/checks/persistentVolumes';
import type { KObject, LabelSelector, PodSpec, PodTemplate } from '../types';
import { matchesSelector, selectorIsEmpty } from '../util/labels';
import { asArray, isRecord } from '../util/record';
import { timeZoneError } from '../util/timeZone';
import { qualifiedKind } from './keys';

/** A validator supplied by the host (for example the schema layer). */
export type ObjectValidator = (object: unknown) => { ok: true } | { ok: false; message: string };

/** apimachinery field.Error text: "spec.replicas: Invalid value: -1: must be greater than or equal to 0". */
export function fieldError(path: string, type: 'Required' | 'Invalid' | 'Unsupported' | 'Forbidden' | 'Duplicate', value?: unknown, detail?: string): string {
  switch (type) {
    case 'Required':
      return `${path}: Required value${detail ? `: ${detail}` : ''}`;
    case 'Forbidden':
      return `${path}: Forbidden${detail ? `: ${detail}` : ''}`;
    case 'Duplicate':
      return `${path}: Duplicate value: ${goValue(value)}`;
    case 'Unsupported':
      return `${path}: Unsupported value: ${goValue(value)}${detail ? `: ${detail}` : ''}`;
    default:
      return `${path}: Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ''}`;
  }
}

/** How the API server prints a value inside a field error. */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (isRecord(value) && Object.values(value).every((v) => typeof v === 'string')) {
    return `map[string]string{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`)
      .join(', ')}}`;
  }
  if (value === undefined || value === null) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** "Deployment.apps "web" is invalid: a" or "... is invalid: [a, b]". */
export function invalidMessage(obj: { kind: string; metadata?: { name?: string } }, errors: string[]): string {
  const body = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return `${qualifiedKind(obj.kind)} "${obj.metadata?.name ?? ''}" is invalid: ${body}`;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Label-name kinds (their names are DNS labels, not subdomains). */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

/**
 * The API server's own semantic checks for the kinds the simulator runs. Returns field errors; the
 * injected schema validator covers types and unknown fields.
 */
export function validateObject(obj: KObject, old?: KObject): string[] {
  const errors: string[] = [];
  const name = obj.metadata.name;
  if (!name) errors.push(fieldError('metadata.name', 'Required', undefined, 'name or generateName is required'));
  else if (LABEL_NAMED.has(obj.kind) ? !DNS1123_LABEL.test(name) || name.length > 63 : !DNS1123_SUBDOMAIN.test(name) || name.length > 253) {
    errors.push(fieldError('metadata.name', 'Invalid', name, LABEL_NAMED.has(obj.kind) ? DNS1123_LABEL_MSG : DNS1123_SUBDOMAIN_MSG));
  }
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  switch (obj.kind) {
    case 'Pod':
      if (!spec) errors.push(fieldError('spec', 'Required'));
      else errors.push(...validatePodSpec(spec as unknown as PodSpec, 'spec'));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      errors.push(...validateWorkload(obj, spec, old));
      break;
    case 'Job':
      errors.push(...validateJob(spec ?? {}, 'spec'));
      break;
    case 'Service':
      errors.push(...validateService(spec ?? {}));
      break;
    case 'PersistentVolume':
      errors.push(...validatePersistentVolume(spec ?? {}));
      break;
    case 'PersistentVolumeClaim': {
      const claim = spec ?? {};
      if (asArray(claim.accessModes).length === 0) errors.push(fieldError('spec.accessModes', 'Required', undefined, 'at least 1 access mode is required'));
      const requests = isRecord(claim.resources) && isRecord(claim.resources.requests) ? claim.resources.requests : {};
      if (requests.storage === undefined || requests.storage === null) errors.push(fieldError('spec.resources[storage]', 'Required'));
      break;
    }
    case 'CronJob':
      if (typeof spec?.schedule !== 'string' || !spec.schedule) errors.push(fieldError('spec.schedule', 'Required'));
      if (spec) errors.push(...validateCronJobTimeZone(spec));
      break;
    case 'HorizontalPodAutoscaler':
      errors.push(...validateHpa(spec ?? {}));
      break;
  }
  return errors;
}

function validateWorkload(obj: KObject, spec: Record<string, unknown> | undefined, old?: KObject): string[] {
  const errors: string[] = [];
  if (!spec) return [fieldError('spec', 'Required')];
  if (typeof spec.replicas === 'number' && spec.replicas < 0)
    errors.push(fieldError('spec.replicas', 'Invalid', spec.replicas, 'must be greater than or equal to 0'));
  const selector = spec.selector as LabelSelector | undefined;
  if (selectorIsEmpty(selector)) errors.push(fieldError('spec.selector', 'Required'));
  const template = spec.template as PodTemplate | undefined;
  if (!isRecord(template)) {
    errors.push(fieldError('spec.template', 'Required'));
    return errors;
  }
  const labels = template.metadata?.labels;
  if (!selectorIsEmpty(selector) && !matchesSelector(selector, labels)) {
    errors.push(fieldError('spec.template.metadata.labels', 'Invalid', labels ?? {}, '`selector` does not match template `labels`'));
  }
  if (!isRecord(template.spec)) errors.push(fieldError('spec.template.spec', 'Required'));
  else {
    errors.push(...validatePodSpec(template.spec, 'spec.template.spec'));
    if (obj.kind !== 'Job' && template.spec.restartPolicy && template.spec.restartPolicy !== 'Always') {
      errors.push(fieldError('spec.template.spec.restartPolicy', 'Unsupported', template.spec.restartPolicy, 'supported values: "Always"'));
    }
  }
  if (obj.kind === 'Deployment') errors.push(...validateStrategy(spec));
  if (old && isRecord(old.spec) && JSON.stringify(old.spec.selector) !== JSON.stringify(spec.selector)) {
    errors.push(fieldError('spec.selector', 'Invalid', selector, 'field is immutable'));
  }
  return errors;
}

function validateStrategy(spec: Record<string, unknown>): string[] {
  const strategy = isRecord(spec.strategy) ? spec.strategy : {};
  const type = strategy.type;
  if (type !== 'RollingUpdate' && type !== 'Recreate')
    return [fieldError('spec.strategy.type', 'Unsupported', type, 'supported values: "Recreate", "RollingUpdate"')];
  if (type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    return [fieldError('spec.strategy.rollingUpdate', 'Forbidden', undefined, "may not be specified when strategy `type` is 'Recreate'")];
  }
  if (type !== 'RollingUpdate' || !isRecord(strategy.rollingUpdate)) return [];
  const { maxSurge, maxUnavailable } = strategy.rollingUpdate;
  const errors: string[] = [];
  for (const [field, value] of [
    ['maxUnavailable', maxUnavailable],
    ['maxSurge', maxSurge],
  ] as const) {
    if (typeof value === 'string') {
      const m = /^(\d+)%$/.exec(value);
      if (!m)
        errors.push(
          fieldError(
            `spec.strategy.rollingUpdate.${field}`,
            'Invalid',
            value,
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
          ),
        );
      else if (field === 'maxUnavailable' && Number(m[1]) > 100)
        errors.push(fieldError(`spec.strategy.rollingUpdate.${field}`, 'Invalid', value, 'must not be greater than 100%'));
    } else if (typeof value === 'number' && value < 0)
      errors.push(fieldError(`spec.strategy.rollingUpdate.${field}`, 'Invalid', value, 'must be greater than or equal to 0'));
  }
  if (isZero(maxSurge) && isZero(maxUnavailable)) {
    errors.push(fieldError('spec.strategy.rollingUpdate.maxUnavailable', 'Invalid', maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  return errors;
}

function isZero(value: unknown): boolean {
  return value === 0 || value === '0%' || value === '0';
}

function validateJob(spec: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  const template = spec.template as PodTemplate | undefined;
  if (!isRecord(template) || !isRecord(template.spec)) return [fieldError(`${path}.template.spec`, 'Required')];
  errors.push(...validatePodSpec(template.spec, `${path}.template.spec`));
  const policy = template.spec.restartPolicy;
  if (policy !== 'OnFailure' && policy !== 'Never') {
    errors.push(fieldError(`${path}.template.spec.restartPolicy`, 'Unsupported', policy ?? 'Always', 'supported values: "OnFailure", "Never"'));
  }
  return errors;
}

/** ValidatePersistentVolumeSpec: access modes, a capacity and a volume source (shared with the checker). */
function validatePersistentVolume(spec: Record<string, unknown>): string[] {
  return missingPersistentVolumeFields(spec).map((field) =>
    field === 'volume type' ? fieldError('spec', 'Required', undefined, 'must specify a volume type') : fieldError(`spec.${field}`, 'Required'),
  );
}

/** ValidateHorizontalPodAutoscalerSpec: the scale target and maxReplicas. */
function validateHpa(spec: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (typeof ref.kind !== 'string' || !ref.kind) errors.push(fieldError('spec.scaleTargetRef.kind', 'Required'));
  if (typeof ref.name !== 'string' || !ref.name) errors.push(fieldError('spec.scaleTargetRef.name', 'Required'));
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (max < 1) errors.push(fieldError('spec.maxReplicas', 'Invalid', max, 'must be greater than 0'));
  return errors;
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** upstream: pkg/apis/batch/validation/validation.go validateTimeZone and the schedule's TZ check. */
function validateCronJobTimeZone(spec: Record<string, unknown>): string[] {
  const zone = spec.timeZone;
  if (typeof zone !== 'string') return [];
  const errors: string[] = [];
  if (typeof spec.schedule === 'string' && spec.schedule.includes('TZ')) errors.push(fieldError('spec.schedule', 'Invalid', spec.schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  if (zone === '') return [...errors, fieldError('spec.timeZone', 'Invalid', zone, 'timeZone must be nil or non-empty string')];
  const badPart = zone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part));
  if (badPart) return [...errors, fieldError('spec.timeZone', 'Invalid', zone, `unknown time zone ${zone}`)];
  if (zone.toLowerCase() === 'local') errors.push(fieldError('spec.timeZone', 'Invalid', zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const error = timeZoneError(zone);
  if (error) errors.push(fieldError('spec.timeZone', 'Invalid', zone, error));
  return errors;
}

function validateService(spec: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const ports = asArray<Record<string, unknown>>(spec.ports);
  const type = spec.type;
  if (type !== undefined && !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type as string)) {
    errors.push(fieldError('spec.type', 'Unsupported', type, 'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'));
  }
  if (ports.length === 0 && spec.clusterIP !== 'None' && type !== 'ExternalName') errors.push(fieldError('spec.ports', 'Required'));
  ports.forEach((port, i) => {
    if (ports.length > 1 && !port.name) errors.push(fieldError(`spec.ports[${i}].name`, 'Required'));
    if (typeof port.port !== 'number' || port.port < 1 || port.port > 65535)
      errors.push(fieldError(`spec.ports[${i}].port`, 'Invalid', port.port, 'must be between 1 and 65535, inclusive'));
    if (port.nodePort !== undefined && type === 'ClusterIP')
      errors.push(fieldError(`spec.ports[${i}].nodePort`, 'Forbidden', undefined, "may not be used when `type` is 'ClusterIP'"));
    if (typeof port.nodePort === 'number' && (port.nodePort < 30000 || port.nodePort > 32767) && type !== 'ClusterIP') {
      errors.push(
        fieldError(`spec.ports[${i}].nodePort`, 'Invalid', port.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'),
      );
    }
  });
  return errors;
}

export function validatePodSpec(spec: PodSpec, path: string): string[] {
  const errors: string[] = [];
  const containers = asArray<Record<string, unknown>>(spec.containers);
  if (containers.length === 0) errors.push(fieldError(`${path}.containers`, 'Required'));
  const names = new Set<string>();
  const check = (list: Record<string, unknown>[], field: string): void => {
    list.forEach((c, i) => {
      const at = `${path}.${field}[${i}]`;
      if (typeof c.name !== 'string' || !c.name) errors.push(fieldError(`${at}.name`, 'Required'));
      else if (!DNS1123_LABEL.test(c.name)) errors.push(fieldError(`${at}.name`, 'Invalid', c.name, DNS1123_LABEL_MSG));
      else if (names.has(c.name)) errors.push(fieldError(`${at}.name`, 'Duplicate', c.name));
      else names.add(c.name);
      if (typeof c.image !== 'string' || !c.image.trim()) errors.push(fieldError(`${at}.image`, 'Required'));
    });
  };
  check(asArray(spec.initContainers), 'initContainers');
  check(containers, 'containers');
  return errors;
}
