import { isIP } from 'node:net';
import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { CheckContext, DocumentCheck } from '../check';
import { isBuiltin, recordAt, recordItems, valueAt } from '../util/kinds';
import { minor } from '../util/enumSource';
import { invalidValue, requiredValue } from '../util/messages';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain } from '../util/names';

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function checkPath(ctx: CheckContext, base: JsonPath, path: Record<string, unknown>): void {
  const pathType = path.pathType;
  const value = typeof path.path === 'string' ? path.path : '';
  const at = [...base, 'path'];
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) ctx.report({ path: typeof path.path === 'string' ? at : base, message: invalidValue(at, value, 'must be an absolute path') });
    if (value.length > 0) {
      for (const seq of INVALID_PATH_SEQUENCES)
        if (value.includes(seq)) ctx.report({ path: at, message: invalidValue(at, value, `must not contain '${seq}'`) });
      for (const suffix of INVALID_PATH_SUFFIXES)
        if (value.endsWith(suffix)) ctx.report({ path: at, message: invalidValue(at, value, `cannot end with '${suffix}'`) });
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/')) ctx.report({ path: at, message: invalidValue(at, value, 'must be an absolute path') });
  }
}

function checkBackend(ctx: CheckContext, base: JsonPath, backend: Record<string, unknown>): void {
  const service = backend.service;
  const hasService = isRecord(service);
  const hasResource = isRecord(backend.resource);
  if (hasService && hasResource) {
    ctx.report({ path: base, target: 'key', message: invalidValue(base, '', 'cannot set both resource and service backends') });
    return;
  }
  if (!hasService) {
    if (!hasResource && !ctx.isPatch) ctx.report({ path: base, target: 'key', message: invalidValue(base, '', 'resource or service backend is required') });
    return;
  }
  const name = service.name;
  if (typeof name === 'string' && name.length > 0) {
    const at = [...base, 'service', 'name'];
    for (const msg of isDNS1035Label(name)) ctx.report({ path: at, message: invalidValue(at, name, msg) });
  }
  const port = isRecord(service.port) ? service.port : {};
  const portName = typeof port.name === 'string' ? port.name : '';
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName && portNumber) {
    ctx.report({ path: [...base, 'service', 'port'], target: 'key', message: invalidValue(base, '', 'cannot set both port name & port number') });
  } else if (portName) {
    const at = [...base, 'service', 'port', 'name'];
    for (const msg of isValidPortName(portName)) ctx.report({ path: at, message: invalidValue(at, portName, msg) });
  } else if (portNumber) {
    const at = [...base, 'service', 'port', 'number'];
    for (const msg of isValidPortNum(portNumber)) ctx.report({ path: at, message: invalidValue(at, portNumber, msg) });
  } else if (!ctx.isPatch) {
    ctx.report({ path: [...base, 'service'], target: 'key', message: requiredValue(base, 'port name or number is required') });
  }
}

function checkHost(ctx: CheckContext, at: JsonPath, host: string): void {
  if (isIP(host) !== 0) ctx.report({ path: at, message: invalidValue(at, host, 'must be a DNS name, not an IP address') });
  const errs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of errs) ctx.report({ path: at, message: invalidValue(at, host, msg) });
}

function checkRules(ctx: CheckContext, spec: Record<string, unknown>): void {
  for (const { item: rule, index } of recordItems(spec, ['rules'])) {
    const base = ['spec', 'rules', index];
    if (typeof rule.host === 'string' && rule.host.length > 0) checkHost(ctx, [...base, 'host'], rule.host);
    const http = rule.http;
    if (!isRecord(http)) continue;
    const paths = recordItems(http, ['paths']);
    if (paths.length === 0 && !ctx.isPatch) ctx.report({ path: [...base, 'http'], target: 'key', message: requiredValue([...base, 'http', 'paths']) });
    for (const { item: path, index: i } of paths) {
      const pathBase = [...base, 'http', 'paths', i];
      checkPath(ctx, pathBase, path);
      if (isRecord(path.backend)) checkBackend(ctx, [...pathBase, 'backend'], path.backend);
    }
  }
}

function checkTls(ctx: CheckContext, spec: Record<string, unknown>): void {
  for (const { item: tls, index } of recordItems(spec, ['tls'])) {
    const base = ['spec', 'tls', index];
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((host, i) => {
      if (typeof host !== 'string') return;
      const at = [...base, 'hosts', i];
      const errs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const msg of errs) ctx.report({ path: at, message: invalidValue(at, host, msg) });
    });
    if (typeof tls.secretName === 'string' && tls.secretName.length > 0) {
      const at = [...base, 'secretName'];
      for (const msg of isDNS1123Subdomain(tls.secretName)) ctx.report({ path: at, message: invalidValue(at, tls.secretName, msg) });
    }
  }
}

/**
 * The deprecated class annotation next to spec.ingressClassName: Kubernetes 1.25 and 1.26 reject
 * both being set; since 1.27 only an annotation that differs from the field is rejected.
 */
function checkClassAnnotation(ctx: CheckContext, className: string): void {
  const annotation = valueAt(ctx.resource.object, ['metadata', 'annotations', CLASS_ANNOTATION]);
  if (typeof annotation !== 'string') return;
  const path = ['metadata', 'annotations', CLASS_ANNOTATION];
  const field = `annotations.${CLASS_ANNOTATION}`;
  if (minor(ctx.kubernetesVersion) < 27) {
    ctx.report({ path, target: 'key', message: invalidValue(field, annotation, 'can not be set when the class field is also set') });
  } else if (annotation !== className) {
    ctx.report({ path, message: invalidValue(field, annotation, 'must match `ingressClassName` when both are specified') });
  }
}

export const ingressCheck: DocumentCheck = {
  id: 'invalid-value',
  name: 'ingress-spec',
  description:
    'networking.k8s.io/v1 Ingress rules: absolute paths for Exact and Prefix, exactly one backend with a port name or number, valid hosts, TLS secret names and class.',
  defaultSeverity: 'error',
  kinds: ['Ingress'],
  check(ctx) {
    const { resource } = ctx;
    if (!isBuiltin(resource, 'Ingress') || resource.group !== 'networking.k8s.io') return;
    const spec = recordAt(resource.object, ['spec']);
    if (!spec) return;
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    if (rules.length === 0 && !isRecord(spec.defaultBackend) && !ctx.isPatch) {
      ctx.report({ path: ['spec'], target: 'key', message: invalidValue(['spec'], null, 'either `defaultBackend` or `rules` must be specified') });
    }
    if (isRecord(spec.defaultBackend)) checkBackend(ctx, ['spec', 'defaultBackend'], spec.defaultBackend);
    checkRules(ctx, spec);
    checkTls(ctx, spec);
    const className = spec.ingressClassName;
    if (typeof className === 'string' && className.length > 0) {
      for (const msg of isDNS1123Subdomain(className))
        ctx.report({ path: ['spec', 'ingressClassName'], message: invalidValue(['spec', 'ingressClassName'], className, msg) });
      checkClassAnnotation(ctx, className);
    }
  },
};
