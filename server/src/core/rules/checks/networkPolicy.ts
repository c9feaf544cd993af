/**
 * NetworkPolicy rules the API server enforces beyond the schema: `ipBlock.except` entries must be
 * strict subsets of `cidr`, and a port range (`endPort`) needs a numeric `port` no greater than it.
 */
import { BlockList, isIP } from 'node:net';
import type { JsonPath } from '../../model/locate';
import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, recordAt, recordItems } from '../util/kinds';
import { invalidValue } from '../util/messages';

interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** "10.0.0.0/8" → parts; undefined for anything that is not a CIDR (reported elsewhere, if at all). */
function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  const version = isIP(address);
  if (version === 0 || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** True when `inner` is a strictly smaller network inside `outer`. */
function isStrictSubset(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) return false;
  const list = new BlockList();
  list.addSubnet(outer.address, outer.prefix, outer.family);
  return list.check(inner.address, inner.family);
}

function checkIpBlock(ctx: CheckContext, base: JsonPath, ipBlock: Record<string, unknown>): void {
  const cidr = typeof ipBlock.cidr === 'string' ? parseCidr(ipBlock.cidr) : undefined;
  if (!cidr || !Array.isArray(ipBlock.except)) return;
  ipBlock.except.forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    const except = parseCidr(entry);
    const at = [...base, 'except', i];
    if (except && !isStrictSubset(except, cidr)) ctx.report({ path: at, message: invalidValue(at, entry, 'must be a strict subset of `cidr`') });
  });
}

function checkPort(ctx: CheckContext, base: JsonPath, port: Record<string, unknown>): void {
  const endPort = port.endPort;
  if (typeof endPort !== 'number') return;
  const at = [...base, 'endPort'];
  if (port.port === undefined || port.port === null) {
    ctx.report({ path: at, message: invalidValue(at, endPort, 'may not be specified when `port` is not specified') });
  } else if (typeof port.port === 'string') {
    ctx.report({ path: at, message: invalidValue(at, endPort, 'may not be specified when `port` is non-numeric') });
  } else if (typeof port.port === 'number' && endPort < port.port) {
    // The API server prints the value of `port` here.
    ctx.report({ path: at, message: invalidValue(at, port.port, 'must be greater than or equal to `port`') });
  }
}

function checkRules(ctx: CheckContext, spec: Record<string, unknown>, direction: 'ingress' | 'egress'): void {
  const peers = direction === 'ingress' ? 'from' : 'to';
  for (const { item: rule, index } of recordItems(spec, [direction])) {
    const base = ['spec', direction, index];
    for (const { item: port, index: i } of recordItems(rule, ['ports'])) checkPort(ctx, [...base, 'ports', i], port);
    for (const { item: peer, index: i } of recordItems(rule, [peers])) {
      const ipBlock = recordAt(peer, ['ipBlock']);
      if (ipBlock) checkIpBlock(ctx, [...base, peers, i, 'ipBlock'], ipBlock);
    }
  }
}

export const networkPolicyCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'network-policy-spec',
  description: 'NetworkPolicy rules: ipBlock.except entries strictly inside cidr; endPort only with a numeric port, and not below it.',
  defaultSeverity: 'error',
  kinds: ['NetworkPolicy'],
  check(ctx) {
    if (!isBuiltin(ctx.resource, 'NetworkPolicy')) return;
    const spec = recordAt(ctx.resource.object, ['spec']);
    if (!spec) return;
    checkRules(ctx, spec, 'ingress');
    checkRules(ctx, spec, 'egress');
  },
};
