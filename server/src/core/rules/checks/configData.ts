import { isRecord } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, valueAt } from '../util/kinds';
import { invalidValue, keyPath, requiredValue } from '../util/messages';
import { isConfigMapKey } from '../util/names';

/** Keys each Secret type must carry in data (or stringData); for basic-auth either key will do. */
const REQUIRED_SECRET_KEYS: Record<string, { keys: string[]; anyOf?: boolean }> = {
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'] },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'] },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], anyOf: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'] },
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'] },
};
const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

function checkKeys(ctx: CheckContext, field: string, reportedAs: string, value: unknown): void {
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    for (const msg of isConfigMapKey(key)) ctx.report({ path: [field, key], target: 'key', message: invalidValue(keyPath([reportedAs], key), key, msg) });
  }
}

function checkConfigMap(ctx: CheckContext): void {
  const obj = ctx.resource.object;
  checkKeys(ctx, 'data', 'data', obj.data);
  checkKeys(ctx, 'binaryData', 'binaryData', obj.binaryData);
  if (isRecord(obj.data) && isRecord(obj.binaryData)) {
    for (const key of Object.keys(obj.data)) {
      if (Object.prototype.hasOwnProperty.call(obj.binaryData, key)) {
        ctx.report({ path: ['data', key], target: 'key', message: invalidValue(keyPath(['data'], key), key, 'duplicate of key present in binaryData') });
      }
    }
  }
}

function checkSecret(ctx: CheckContext): void {
  const obj = ctx.resource.object;
  // stringData is merged into data before validation, so its keys are reported as data[key].
  checkKeys(ctx, 'data', 'data', obj.data);
  checkKeys(ctx, 'stringData', 'data', obj.stringData);
  if (ctx.isPatch || typeof obj.type !== 'string') return;
  const keys = new Set([...Object.keys(isRecord(obj.data) ? obj.data : {}), ...Object.keys(isRecord(obj.stringData) ? obj.stringData : {})]);
  if (obj.type === 'kubernetes.io/service-account-token') {
    const name = valueAt(obj, ['metadata', 'annotations', SERVICE_ACCOUNT_NAME_ANNOTATION]);
    if (typeof name !== 'string' || name.length === 0) {
      ctx.report({ path: ['type'], message: requiredValue(keyPath(['metadata', 'annotations'], SERVICE_ACCOUNT_NAME_ANNOTATION)) });
    }
    return;
  }
  const rule = REQUIRED_SECRET_KEYS[obj.type];
  if (!rule) return;
  const missing = rule.keys.filter((k) => !keys.has(k));
  if (rule.anyOf ? missing.length === rule.keys.length : missing.length > 0) {
    for (const key of missing) ctx.report({ path: ['type'], message: requiredValue(keyPath(['data'], key)) });
  }
}

export const configDataCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'config-data',
  description: 'ConfigMap and Secret keys (alphanumerics, -, _ and .), keys in both data and binaryData, and the keys each Secret type requires.',
  defaultSeverity: 'error',
  kinds: ['ConfigMap', 'Secret'],
  check(ctx) {
    if (isBuiltin(ctx.resource, 'ConfigMap')) checkConfigMap(ctx);
    else if (isBuiltin(ctx.resource, 'Secret')) checkSecret(ctx);
  },
};
