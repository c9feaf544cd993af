/**
 * A workload's pod template (or a Pod) without a pod spec, or with an empty container list: the
 * API server rejects it with `spec.template.spec.containers: Required value`. A spec that leaves
 * `containers` out altogether is already a schema error (a required field).
 */
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { DocumentCheck } from '../check';
import { isBuiltin, valueAt } from '../util/kinds';
import { requiredValue } from '../util/messages';
import { podTemplatePath } from '../util/podSpecs';

export const podTemplateCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'pod-template-spec',
  description: 'Pods and pod templates need a spec with at least one container.',
  defaultSeverity: 'error',
  check(ctx) {
    if (ctx.isPatch) return;
    const { resource } = ctx;
    const templatePath = isBuiltin(resource, 'Pod') ? [] : podTemplatePath(resource);
    if (!templatePath) return;
    // A template that is missing altogether is the schema's business (a required field).
    if (templatePath.length > 0 && !isRecord(valueAt(resource.object, templatePath))) return;
    const specPath: JsonPath = [...templatePath, 'spec'];
    const containersPath: JsonPath = [...specPath, 'containers'];
    const spec = valueAt(resource.object, specPath);
    if (!isRecord(spec)) {
      // On the template's key (`template:`), or the `spec:` key written without a value.
      ctx.report({ path: spec === null ? specPath : templatePath, target: 'key', message: requiredValue(containersPath) });
    } else if (Array.isArray(spec.containers) && spec.containers.length === 0) {
      ctx.report({ path: containersPath, message: requiredValue(containersPath) });
    }
  },
};
