import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { forbidden, invalidValue, requiredValue } from '../util/messages';
import { isValidPortName, isValidPortNum } from '../util/names';
import { containersOf, podSpecOf, type ContainerSite } from '../util/podSpecs';

/** Handler fields in the order the API server looks at them: the first one set wins. */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const NON_NEGATIVE = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];
const INIT_ONLY_WITH_RESTART = 'may not be set for init containers without restartPolicy=Always';

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** An IntOrString port: numbers 1–65535, strings IANA service names. */
export function checkPortNumOrName(ctx: CheckContext, path: JsonPath, value: unknown): void {
  if (typeof value === 'number') {
    for (const msg of isValidPortNum(value)) ctx.report({ path, message: invalidValue(path, value, msg) });
  } else if (typeof value === 'string') {
    for (const msg of isValidPortName(value)) ctx.report({ path, message: invalidValue(path, value, msg) });
  }
}

function checkHandler(ctx: CheckContext, path: JsonPath, handler: Record<string, unknown>, kinds: string[]): void {
  const present = kinds.filter((k) => isSet(handler[k]));
  if (present.length === 0 && !ctx.isPatch) ctx.report({ path, target: 'key', message: requiredValue(path, 'must specify a handler type') });
  for (const extra of present.slice(1))
    ctx.report({ path: [...path, extra], target: 'key', message: forbidden([...path, extra], 'may not specify more than 1 handler type') });
  const httpGet = handler.httpGet;
  if (isRecord(httpGet)) checkPortNumOrName(ctx, [...path, 'httpGet', 'port'], httpGet.port);
  const tcpSocket = handler.tcpSocket;
  if (isRecord(tcpSocket)) checkPortNumOrName(ctx, [...path, 'tcpSocket', 'port'], tcpSocket.port);
  const grpc = handler.grpc;
  if (isRecord(grpc) && typeof grpc.port === 'number') {
    const at = [...path, 'grpc', 'port'];
    for (const msg of isValidPortNum(grpc.port)) ctx.report({ path: at, message: invalidValue(at, grpc.port, msg) });
  }
}

function checkProbe(ctx: CheckContext, path: JsonPath, probe: Record<string, unknown>, which: (typeof PROBES)[number]): void {
  checkHandler(ctx, path, probe, PROBE_HANDLERS);
  for (const field of NON_NEGATIVE) {
    const value = probe[field];
    if (typeof value === 'number' && value < 0)
      ctx.report({ path: [...path, field], message: invalidValue([...path, field], value, 'must be greater than or equal to 0') });
  }
  const success = probe.successThreshold;
  // 0 is defaulted to 1; any other value but 1 is rejected for liveness and startup probes.
  if (which !== 'readinessProbe' && typeof success === 'number' && success > 0 && success !== 1) {
    ctx.report({ path: [...path, 'successThreshold'], message: invalidValue([...path, 'successThreshold'], success, 'must be 1') });
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === 'number') {
    const at = [...path, 'terminationGracePeriodSeconds'];
    if (which === 'readinessProbe') ctx.report({ path: at, message: invalidValue(at, grace, 'must not be set for readinessProbes') });
    else if (grace <= 0) ctx.report({ path: at, message: invalidValue(at, grace, 'must be greater than 0') });
  }
}

function checkContainer(ctx: CheckContext, c: ContainerSite): void {
  if (c.list === 'ephemeralContainers') return;
  const restartable = c.list === 'containers' || c.container.restartPolicy === 'Always';
  for (const which of PROBES) {
    const probe = c.container[which];
    if (!isRecord(probe)) continue;
    const path = [...c.path, which];
    if (!restartable) ctx.report({ path, target: 'key', message: forbidden(path, INIT_ONLY_WITH_RESTART) });
    else checkProbe(ctx, path, probe, which);
  }
  const lifecycle = c.container.lifecycle;
  if (!isRecord(lifecycle)) return;
  const lifecyclePath = [...c.path, 'lifecycle'];
  if (!restartable) {
    ctx.report({ path: lifecyclePath, target: 'key', message: forbidden(lifecyclePath, INIT_ONLY_WITH_RESTART) });
    return;
  }
  for (const hook of ['postStart', 'preStop']) {
    const handler = lifecycle[hook];
    if (isRecord(handler)) checkHandler(ctx, [...lifecyclePath, hook], handler, LIFECYCLE_HANDLERS);
  }
}

export const probesCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'probes',
  description:
    'Probes and lifecycle hooks: exactly one handler, valid ports, non-negative timings, successThreshold 1 for liveness and startup probes, none on plain init containers.',
  defaultSeverity: 'error',
  check(ctx) {
    const site = podSpecOf(ctx.resource);
    if (!site) return;
    for (const c of containersOf(site)) checkContainer(ctx, c);
  },
};
