import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { recordItems } from '../util/kinds';
import { duplicateValue, invalidValue, requiredValue } from '../util/messages';
import { isDNS1123Label, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from '../util/names';
import { containersOf, podSpecOf, type ContainerSite } from '../util/podSpecs';

/** Value sources of an env var; the API server allows exactly one. */
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];

/**
 * Container names share one namespace across containers, init containers and ephemeral containers:
 * init containers may not reuse a container's name, ephemeral containers may reuse neither.
 */
function checkNames(ctx: CheckContext, sites: ContainerSite[]): void {
  const seen = new Set<string>();
  for (const site of sites) {
    const name = site.container.name;
    const path = [...site.path, 'name'];
    if (name === '') {
      if (!ctx.isPatch) ctx.report({ path, message: requiredValue(path) });
      continue;
    }
    if (typeof name !== 'string') continue;
    const errs = isDNS1123Label(name);
    for (const msg of errs) ctx.report({ path, message: invalidValue(path, name, msg) });
    if (errs.length === 0 && seen.has(name)) ctx.report({ path, message: duplicateValue(path, name) });
    seen.add(name);
  }
}

function checkImage(ctx: CheckContext, site: ContainerSite): void {
  const image = site.container.image;
  const path = [...site.path, 'image'];
  if ((image === undefined || image === null || image === '') && !ctx.isPatch) {
    ctx.report({ path, target: 'key', message: requiredValue(path) });
  } else if (typeof image === 'string' && image !== image.trim()) {
    ctx.report({ path, message: invalidValue(path, image, 'must not have leading or trailing whitespace') });
  }
}

function checkPorts(ctx: CheckContext, site: ContainerSite): void {
  const names = new Set<string>();
  for (const { item: port, index } of recordItems(site.container, ['ports'])) {
    const base = [...site.path, 'ports', index];
    if (typeof port.name === 'string' && port.name.length > 0) {
      const errs = isValidPortName(port.name);
      for (const msg of errs) ctx.report({ path: [...base, 'name'], message: invalidValue([...base, 'name'], port.name, msg) });
      if (errs.length === 0) {
        if (names.has(port.name)) ctx.report({ path: [...base, 'name'], message: duplicateValue([...base, 'name'], port.name) });
        names.add(port.name);
      }
    }
    checkPortNumber(ctx, [...base, 'containerPort'], port.containerPort, true);
    checkPortNumber(ctx, [...base, 'hostPort'], port.hostPort, false);
  }
}

/** A port number field: 1–65535; 0 means "unset" (an error only where the field is required). */
function checkPortNumber(ctx: CheckContext, path: JsonPath, value: unknown, required: boolean): void {
  if (typeof value !== 'number') return;
  if (value === 0) {
    if (required && !ctx.isPatch) ctx.report({ path, message: requiredValue(path) });
    return;
  }
  for (const msg of isValidPortNum(value)) ctx.report({ path, message: invalidValue(path, value, msg) });
}

function checkEnv(ctx: CheckContext, site: ContainerSite): void {
  for (const { item: env, index } of recordItems(site.container, ['env'])) {
    const base = [...site.path, 'env', index];
    if (env.name === '' && !ctx.isPatch) ctx.report({ path: [...base, 'name'], message: requiredValue([...base, 'name']) });
    else if (typeof env.name === 'string') {
      for (const msg of isRelaxedEnvVarName(env.name)) ctx.report({ path: [...base, 'name'], message: invalidValue([...base, 'name'], env.name, msg) });
    }
    const from = env.valueFrom;
    if (!isRecord(from)) continue;
    if (typeof env.value === 'string' && env.value.length > 0) {
      ctx.report({
        path: [...base, 'valueFrom'],
        target: 'key',
        message: invalidValue([...base, 'valueFrom'], '', 'may not be specified when `value` is not empty'),
      });
    }
    const sources = ENV_SOURCES.filter((s) => from[s] !== undefined && from[s] !== null);
    if (sources.length > 1) {
      ctx.report({
        path: [...base, 'valueFrom', sources[1]],
        target: 'key',
        message: invalidValue([...base, 'valueFrom'], '', 'may not have more than one field specified at a time'),
      });
    }
  }
}

export const containersCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'containers',
  description:
    'Container names (DNS-1123 labels, unique per pod), images, port names (IANA service names, unique per container), port numbers and env var names as the API server validates them.',
  defaultSeverity: 'error',
  check(ctx) {
    const site = podSpecOf(ctx.resource);
    if (!site) return;
    const containers = containersOf(site);
    checkNames(ctx, containers);
    for (const c of containers) {
      checkImage(ctx, c);
      checkPorts(ctx, c);
      checkEnv(ctx, c);
    }
  },
};
