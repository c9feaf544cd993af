import type { KObject } from '../types';

export interface TimelinePod {
  name: string;
  namespace: string;
  owner: string | null;
  phase: string;
  ready: boolean;
  terminating: boolean;
  node: string | null;
}

export interface TimelineEntry {
  time: number;
  pods: TimelinePod[];
  deleted?: { name: string; namespace: string }[];
}

export interface ScenarioEvent {
  time: number;
  type: string;
  reason: string;
  message: string;
  source: string;
  involvedObject: { kind: string; namespace?: string; name: string };
}

export interface StepReport {
  index: number;
  time: number;
  step: string;
  ok: boolean;
  output: string[];
}

export interface ScenarioResult {
  snapshots: { label: string; time: number; objects: KObject[] }[];
  events: ScenarioEvent[];
  /**
   * Pod changes in order, one entry per virtual instant with a change: `pods` holds the new row of every
   * pod that appeared or changed phase, readiness, termination or node at that instant; `deleted` the
   * pods that went away. Replaying the entries gives the full pod list at any instant.
   */
  timeline: TimelineEntry[];
  /** One entry per step, with kubectl-style output lines. */
  steps: StepReport[];
  /** Steps that failed (rejected applies, waitFor timeouts, bad steps). Non-empty means exit code 1. */
  failures: { index: number; time: number; step: string; message: string }[];
}
