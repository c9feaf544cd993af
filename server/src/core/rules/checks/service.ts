import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, recordAt, recordItems } from '../util/kinds';
import { duplicateValue, forbidden, invalidValue, requiredValue } from '../util/messages';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from '../util/names';
import { checkPortNumOrName } from './probes';

/** The API server's default --service-node-port-range. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

function checkPorts(ctx: CheckContext, spec: Record<string, unknown>, type: string, headless: boolean): void {
  const ports = recordItems(spec, ['ports']);
  if (ports.length === 0) {
    if (!headless && type !== 'ExternalName' && !ctx.isPatch) ctx.report({ path: ['spec', 'ports'], target: 'key', message: requiredValue(['spec', 'ports']) });
    return;
  }
  const requireName = ports.length > 1;
  const names = new Set<string>();
  const portKeys = new Set<string>();
  const nodePorts = new Set<string>();
  for (const { item: port, index } of ports) {
    const base = ['spec', 'ports', index];
    const name = port.name;
    if ((name === undefined || name === null || name === '') && requireName && !ctx.isPatch) {
      ctx.report({ path: base, target: 'key', message: requiredValue([...base, 'name']) });
    } else if (typeof name === 'string' && name.length > 0) {
      for (const msg of isDNS1123Label(name)) ctx.report({ path: [...base, 'name'], message: invalidValue([...base, 'name'], name, msg) });
      if (names.has(name)) ctx.report({ path: [...base, 'name'], message: duplicateValue([...base, 'name'], name) });
      names.add(name);
    }
    const protocol = typeof port.protocol === 'string' && port.protocol ? port.protocol : 'TCP';
    if (typeof port.port === 'number') {
      for (const msg of isValidPortNum(port.port)) ctx.report({ path: [...base, 'port'], message: invalidValue([...base, 'port'], port.port, msg) });
      const key = `${protocol}/${port.port}`;
      if (portKeys.has(key)) ctx.report({ path: base, target: 'key', message: duplicateValue(base, { protocol, port: port.port }) });
      portKeys.add(key);
    }
    // targetPort 0 (or "") is defaulted to the port.
    if (port.targetPort !== 0 && port.targetPort !== '') checkPortNumOrName(ctx, [...base, 'targetPort'], port.targetPort);
    checkNodePort(ctx, base, port.nodePort, type, protocol, nodePorts);
  }
}

function checkNodePort(ctx: CheckContext, base: (string | number)[], nodePort: unknown, type: string, protocol: string, seen: Set<string>): void {
  if (typeof nodePort !== 'number' || nodePort === 0) return;
  const at = [...base, 'nodePort'];
  if (type === 'ClusterIP' || type === 'ExternalName') {
    ctx.report({ path: at, message: forbidden(at, `may not be used when \`type\` is '${type}'`) });
    return;
  }
  if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
    ctx.report({
      path: at,
      message: invalidValue(at, nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`),
    });
  }
  const key = `${protocol}/${nodePort}`;
  if (seen.has(key)) ctx.report({ path: at, message: duplicateValue(at, nodePort) });
  seen.add(key);
}

function checkTypeRules(ctx: CheckContext, spec: Record<string, unknown>, type: string): void {
  const clusterIP = spec.clusterIP;
  if (clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
    ctx.report({ path: ['spec', 'clusterIP'], message: invalidValue(['spec', 'clusterIP'], clusterIP, `may not be set to 'None' for ${type} services`) });
  }
  if (type === 'ExternalName') {
    const externalName = spec.externalName;
    if ((externalName === undefined || externalName === null || externalName === '') && !ctx.isPatch) {
      ctx.report({ path: ['spec', 'type'], message: requiredValue(['spec', 'externalName']) });
    } else if (typeof externalName === 'string' && externalName.length > 0) {
      const clean = externalName.endsWith('.') ? externalName.slice(0, -1) : externalName;
      for (const msg of isDNS1123Subdomain(clean))
        ctx.report({ path: ['spec', 'externalName'], message: invalidValue(['spec', 'externalName'], externalName, msg) });
    }
  }
  const policy = spec.externalTrafficPolicy;
  const hasExternalIPs = Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && hasExternalIPs);
  if (typeof policy === 'string' && policy.length > 0 && !externallyAccessible) {
    ctx.report({
      path: ['spec', 'externalTrafficPolicy'],
      message: invalidValue(['spec', 'externalTrafficPolicy'], policy, 'may only be set for externally-accessible services'),
    });
  }
}

export const serviceCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'service-spec',
  description:
    'Service ports (names required and unique when there are several, numbers 1–65535, no duplicate port/protocol), node ports, target ports and type-specific fields.',
  defaultSeverity: 'error',
  kinds: ['Service'],
  check(ctx) {
    if (!isBuiltin(ctx.resource, 'Service')) return;
    const spec = recordAt(ctx.resource.object, ['spec']);
    if (!spec) return;
    const type = typeof spec.type === 'string' && spec.type ? spec.type : 'ClusterIP';
    const headless = spec.clusterIP === 'None';
    checkPorts(ctx, spec, type, headless);
    checkTypeRules(ctx, spec, type);
  },
};
