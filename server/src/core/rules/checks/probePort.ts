/**
 * probe-port: a liveness, readiness or startup probe (httpGet or tcpSocket) that names a port the
 * container does not declare. The kubelet resolves named ports in the probed container's own
 * `ports`; when the name is not there the probe fails every time, so the pod never becomes ready
 * (readiness) or is restarted over and over (liveness, startup).
 */
import type { JsonPath } from '../../model/locate';
import type { DocumentCheck } from '../check';
import { recordAt, recordItems } from '../util/kinds';
import { isValidPortName } from '../util/names';
import { containersOf, podSpecOf, type ContainerSite } from '../util/podSpecs';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const NAMED_PORT_HANDLERS = ['httpGet', 'tcpSocket'] as const;

function declaredPortNames(container: Record<string, unknown>): string[] {
  return recordItems(container, ['ports'])
    .map(({ item }) => item.name)
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
}

function containerName(c: ContainerSite): string {
  return typeof c.container.name === 'string' ? c.container.name : `#${c.index + 1}`;
}

function explain(port: string, c: ContainerSite, siblings: readonly ContainerSite[]): string {
  const own = declaredPortNames(c.container);
  const elsewhere = siblings.find((s) => s !== c && declaredPortNames(s.container).includes(port));
  if (elsewhere) return `; container '${containerName(elsewhere)}' declares it, but a probe only sees its own container's ports`;
  return own.length > 0 ? `; it declares ${own.map((n) => `'${n}'`).join(', ')}` : '; it declares no named ports';
}

export const probePortCheck: DocumentCheck = {
  id: 'probe-port',
  name: 'probe-port',
  description: 'A probe naming a port its container does not declare always fails: the kubelet cannot resolve the name.',
  defaultSeverity: 'warning',
  check(ctx) {
    const site = podSpecOf(ctx.resource);
    if (!site) return;
    const containers = containersOf(site).filter((c) => c.list !== 'ephemeralContainers');
    for (const c of containers) {
      for (const which of PROBES) {
        for (const handler of NAMED_PORT_HANDLERS) {
          const port = recordAt(c.container, [which, handler])?.port;
          if (typeof port !== 'string' || port === '' || isValidPortName(port).length > 0) continue;
          if (declaredPortNames(c.container).includes(port)) continue;
          const path: JsonPath = [...c.path, which, handler, 'port'];
          ctx.report({
            path,
            message: `${which} of container '${containerName(c)}' uses port '${port}', which the container does not declare${explain(port, c, containers)}; the probe always fails.`,
          });
        }
      }
    }
  },
};
