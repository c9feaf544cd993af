import type { Controller, SimContext } from '../context';
import { kubeletController } from '../kubelet/kubelet';
import { deploymentController } from './deployment/controller';
import { garbageCollector } from './gc';
import { cronJobController } from './cronjob';
import { daemonSetController } from './daemonset';
import { endpointSliceController } from './endpointslice';
import { endpointsController } from './endpoints';
import { hpaController } from './hpa';
import { ingressController } from './ingress';
import { jobController } from './job';
import { namespaceController } from './namespace';
import { nodeLifecycleController } from './nodeLifecycle';
import { nodeHeartbeatController } from './nodeHeartbeat';
import { disruptionController } from './disruption';
import { drainController } from '../drain';
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
    nodeHeartbeatController(ctx),
    endpointSliceController(ctx),
    endpointsController(ctx),
    namespaceController(ctx),
    jobController(ctx),
    cronJobController(ctx),
    daemonSetController(ctx),
    statefulSetController(ctx),
    persistentVolumeController(ctx),
    hpaController(ctx),
    disruptionController(ctx),
    drainController(ctx),
    ingressController(ctx),
  ];
}
