import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The kubeconfig clients use: context, cluster and user all named `shipshape`. */
export const KUBECONFIG_NAME = 'shipshape';

export function kubeconfigText(server: string, token: string, certificate: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${KUBECONFIG_NAME}`,
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(certificate).toString('base64')}`,
    'users:',
    `- name: ${KUBECONFIG_NAME}`,
    '  user:',
    `    token: ${token}`,
    'contexts:',
    `- name: ${KUBECONFIG_NAME}`,
    '  context:',
    `    cluster: ${KUBECONFIG_NAME}`,
    `    user: ${KUBECONFIG_NAME}`,
    '    namespace: default',
    `current-context: ${KUBECONFIG_NAME}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes the kubeconfig readable by the owner only (it holds the token). */
export function writeKubeconfig(file: string, server: string, token: string, certificate: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, kubeconfigText(server, token, certificate), { mode: 0o600 });
}
