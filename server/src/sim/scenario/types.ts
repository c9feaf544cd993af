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
  timeline: { time: number; pods: TimelinePod[] }[];
  /** One entry per step, with kubectl-style output lines. */
  steps: StepReport[];
  /** Steps that failed (rejected applies, waitFor timeouts, bad steps). Non-empty means exit code 1. */
  failures: { index: number; time: number; step: string; message: string }[];
}
