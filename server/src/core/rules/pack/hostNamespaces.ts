import { packCheck, podSite, POD_KINDS, withFix, type PackCheck } from './packCheck';

function hostNamespaceCheck(id: string, field: 'hostNetwork' | 'hostPID' | 'hostIPC', what: string): PackCheck {
  return packCheck({
    id,
    title: `Pod shares the host's ${what} namespace`,
    preset: 'security',
    description: `${field}: true gives the pod the node's ${what} namespace.`,
    kinds: POD_KINDS,
    check(ctx) {
      const site = podSite(ctx.resource);
      if (site?.spec[field] !== true) return;
      const problem = { path: [...site.path, field], message: `The pod shares the host's ${what} namespace (${field}: true).` };
      ctx.report(withFix(problem, { title: `Set ${field}: false`, edits: [{ path: site.path, entries: [[field, 'false']] }] }));
    },
  });
}

export const hostNetwork = hostNamespaceCheck('host-network', 'hostNetwork', 'network');
export const hostPid = hostNamespaceCheck('host-pid', 'hostPID', 'process');
export const hostIpc = hostNamespaceCheck('host-ipc', 'hostIPC', 'IPC');
