import type { Controller, SimContext } from '../context';
import { kubeletController } from '../kubelet/kubelet';
import { deploymentController } from './deployment/controller';
import { garbageCollector } from './gc';
import { cronJobController } from './cronjob';
import { daemonSetController } from './daemonset';
import { endpointSliceController } from './endpointslice';
import { hpaController } from './hpa';
import { ingressController } from './ingress';
import { jobController } from './job';
import { namespaceController } from './namespace';
import { nodeLifecycleController } from './nodeLifecycle';
import { persistentVolumeController } from './persistentvolume';
import { statefulSetController } from './statefulset';
import { replicaSetController } from './replicaset';
import { schedulerController } from './scheduler/controller';

/** Every controller of the simulated control plane and the kubelets, in registration order. */
export function allControllers(ctx: SimContext): Controller[] {
  return [
    deploymentController(ctx),
    replicaSetController(ctx),
    schedulerController(ctx),
    kubeletController(ctx),
    garbageCollector(ctx),
    nodeLifecycleController(ctx),
    endpointSliceController(ctx),
    namespaceController(ctx),
    jobController(ctx),
    cronJobController(ctx),
    daemonSetController(ctx),
    statefulSetController(ctx),
    persistentVolumeController(ctx),
    hpaController(ctx),
    ingressController(ctx),
  ];
}
