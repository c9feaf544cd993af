import type { Resource } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, isKnownBuiltin, recordAt, recordItems, valueAt } from '../util/kinds';
import { checkAnnotations, checkLabelMap } from '../util/labels';
import { invalidValue, requiredValue } from '../util/messages';
import { byteLength, isDNS1123Label, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment, type NameValidator } from '../util/names';
import { podTemplatePath } from '../util/podSpecs';

/** How the API server validates metadata.name, per kind; every other built-in kind uses a DNS-1123 subdomain. */
function nameValidator(resource: Resource): NameValidator {
  if (isBuiltin(resource, 'Service')) return nameIsDNS1035Label;
  if (isBuiltin(resource, 'Namespace')) return nameIsDNSLabel;
  if (isBuiltin(resource, 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding')) return nameIsPathSegment;
  return nameIsDNSSubdomain;
}

/** Cron jobs append an 11-character suffix to their name for each Job they create. */
const CRON_JOB_NAME_MAX = 52;

function checkName(ctx: CheckContext): void {
  const { resource } = ctx;
  if (!isKnownBuiltin(resource)) return;
  const metadata = recordAt(resource.object, ['metadata']);
  const name = metadata?.name;
  const generateName = metadata?.generateName;
  const validate = nameValidator(resource);
  if (typeof generateName === 'string' && generateName.length > 0) {
    for (const msg of validate(generateName, true))
      ctx.report({ path: ['metadata', 'generateName'], message: invalidValue(['metadata', 'generateName'], generateName, msg) });
  }
  const hasGenerateName = typeof generateName === 'string' && generateName.length > 0;
  if (typeof name === 'string' && name.length > 0) {
    for (const msg of validate(name, false)) ctx.report({ path: ['metadata', 'name'], message: invalidValue(['metadata', 'name'], name, msg) });
    checkDerivedNameLimits(ctx, name);
  } else if ((name === undefined || name === null || name === '') && !hasGenerateName && !ctx.isPatch) {
    ctx.report({ path: ['metadata', 'name'], target: 'key', message: requiredValue(['metadata', 'name'], 'name or generateName is required') });
  }
  const namespace = metadata?.namespace;
  if (typeof namespace === 'string' && namespace.length > 0) {
    for (const msg of isDNS1123Label(namespace))
      ctx.report({ path: ['metadata', 'namespace'], message: invalidValue(['metadata', 'namespace'], namespace, msg) });
  }
}

/** Names the API server accepts as such but rejects because controllers derive labels or names from them. */
function checkDerivedNameLimits(ctx: CheckContext, name: string): void {
  const { resource } = ctx;
  if (isBuiltin(resource, 'CronJob') && name.length > CRON_JOB_NAME_MAX) {
    ctx.report({ path: ['metadata', 'name'], message: invalidValue(['metadata', 'name'], name, `must be no more than ${CRON_JOB_NAME_MAX} characters`) });
  }
  if (isBuiltin(resource, 'Job') && valueAt(resource.object, ['spec', 'manualSelector']) !== true && byteLength(name) > 63) {
    // The API server copies the name into the pod template's job-name labels, whose values are limited to 63 bytes.
    ctx.report({ path: ['metadata', 'name'], message: invalidValue(['spec', 'template', 'labels'], name, 'must be no more than 63 bytes') });
  }
}

function checkLabelsAndAnnotations(ctx: CheckContext): void {
  const { resource } = ctx;
  const report = ctx.report;
  const obj = resource.object;
  checkLabelMap(report, ['metadata', 'labels'], valueAt(obj, ['metadata', 'labels']));
  checkAnnotations(report, ['metadata', 'annotations'], valueAt(obj, ['metadata', 'annotations']));
  const template = podTemplatePath(resource);
  if (template) {
    checkLabelMap(report, [...template, 'metadata', 'labels'], valueAt(obj, [...template, 'metadata', 'labels']));
    checkAnnotations(report, [...template, 'metadata', 'annotations'], valueAt(obj, [...template, 'metadata', 'annotations']));
  }
  if (isBuiltin(resource, 'CronJob')) {
    checkLabelMap(report, ['spec', 'jobTemplate', 'metadata', 'labels'], valueAt(obj, ['spec', 'jobTemplate', 'metadata', 'labels']));
    checkAnnotations(report, ['spec', 'jobTemplate', 'metadata', 'annotations'], valueAt(obj, ['spec', 'jobTemplate', 'metadata', 'annotations']));
  }
  if (isBuiltin(resource, 'StatefulSet')) {
    for (const { item, index } of recordItems(obj, ['spec', 'volumeClaimTemplates'])) {
      const base = ['spec', 'volumeClaimTemplates', index, 'metadata'];
      checkLabelMap(report, [...base, 'labels'], valueAt(item, ['metadata', 'labels']));
      checkAnnotations(report, [...base, 'annotations'], valueAt(item, ['metadata', 'annotations']));
    }
  }
}

export const objectMetaCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'object-metadata',
  description: 'Object names, generated names, namespaces, label keys and values and annotation keys the API server would reject.',
  defaultSeverity: 'error',
  check(ctx) {
    checkName(ctx);
    checkLabelsAndAnnotations(ctx);
  },
};
