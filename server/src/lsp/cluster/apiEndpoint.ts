import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeKubeconfig } from '../../apiserver/kubeconfig';
import { KubeApiServer } from '../../apiserver/server';
import type { ObjectValidator } from '../../sim/store/validation';
import type { ApiEndpointResponse } from '../protocol';
import type { ClusterHost } from './clusterHost';

/**
 * The Kubernetes API of the editor's simulated cluster, started on first request. Requests go to the
 * host's current cluster, so what kubectl changes reaches the panel and lenses through the host's
 * change notifications, and what the panel does is visible to kubectl.
 */
export class ApiEndpoint {
  private server: KubeApiServer | undefined;
  private starting: Promise<ApiEndpointResponse> | undefined;
  private kubeconfig: string | undefined;

  constructor(
    private readonly host: () => ClusterHost,
    private readonly options: { storageDir?: string; validator?: ObjectValidator; log: (line: string) => void },
  ) {}

  endpoint(): Promise<ApiEndpointResponse> {
    this.starting ??= this.start().catch((err: unknown) => {
      this.starting = undefined;
      throw err;
    });
    return this.starting;
  }

  /** Follows a replaced cluster (reset) at once, ending the watches on the old one. */
  refresh(): void {
    this.server?.refresh();
  }

  dispose(): void {
    void this.server?.close();
    this.server = undefined;
    if (this.kubeconfig) rmSync(this.kubeconfig, { force: true });
  }

  private async start(): Promise<ApiEndpointResponse> {
    const server = new KubeApiServer({ cluster: () => this.host().current, validator: this.options.validator, log: this.options.log });
    const url = await server.listen(0);
    this.server = server;
    const kubeconfig = this.options.storageDir ? join(this.options.storageDir, 'kubeconfig') : join(tmpdir(), `shipshape-${process.pid}.kubeconfig`);
    writeKubeconfig(kubeconfig, url, server.token, server.certificate);
    this.kubeconfig = kubeconfig;
    this.options.log(`The simulated cluster serves the Kubernetes API at ${url} (kubeconfig: ${kubeconfig}).`);
    return { server: url, kubeconfig };
  }
}
