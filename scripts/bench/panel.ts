/**
 * Cluster panel benchmark: a 1,000-pod snapshot plus 50 deltas through the webview's view-model and
 * renderers (Node), then through the real webview in headless chromium (when /usr/bin/chromium or
 * $SHIPSHAPE_CHROMIUM exists; run `node scripts/build.mjs` first so media/panel.js is current).
 *   node scripts/run-ts.mjs scripts/bench/panel.ts
 * Goal: every update fits in a 60 fps frame (16 ms) with 1,000 pods.
 */
import { existsSync } from 'node:fs';
import { ClusterModel } from '../../client/src/webview/model/clusterModel';
import { filterEvents } from '../../client/src/webview/model/events';
import { nodeCards } from '../../client/src/webview/model/nodes';
import { buildTable } from '../../client/src/webview/model/tables';
import { buildTopology } from '../../client/src/webview/model/topology';
import { renderEvents } from '../../client/src/webview/render/eventsHtml';
import { renderTable } from '../../client/src/webview/render/tablesHtml';
import { renderTopology } from '../../client/src/webview/render/topologySvg';
import type { ClusterDelta, KubeObject } from '../../server/src/lsp/protocol';
import { largeCluster, largeDeployments, recordDeltas, snapshotOf } from '../../test/panel/fixtures';
import { closeBrowser, openPanel } from '../../test/panel/browser/harness';

const PODS = 1000;
const DELTAS = 50;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms (n=${samples.length})`;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Merges per-instant deltas into `count` deltas, as the server's batcher does per 100 ms of wall time. */
function coalesce(deltas: ClusterDelta[], count: number): ClusterDelta[] {
  const out: ClusterDelta[] = [];
  for (let i = 0; i < count; i++) {
    const group = deltas.slice(Math.floor((i * deltas.length) / count), Math.floor(((i + 1) * deltas.length) / count));
    if (group.length === 0) continue;
    const upserts = new Map<string, KubeObject>();
    const deletes = new Map<string, ClusterDelta['deletes'][number]>();
    for (const d of group) {
      for (const o of d.upserts) {
        deletes.delete(o.metadata.uid);
        upserts.set(o.metadata.uid, o);
      }
      for (const r of d.deletes) {
        upserts.delete(r.uid);
        deletes.set(r.uid, r);
      }
    }
    out.push({ upserts: [...upserts.values()], deletes: [...deletes.values()], events: group.flatMap((d) => d.events), clock: group[group.length - 1].clock });
  }
  return out;
}

function benchViewModel(): void {
  let cluster = largeCluster(PODS, 20, 10);
  const built = performance.now();
  cluster = largeCluster(PODS, 20, 10);
  const simMs = performance.now() - built;
  const snapshot = snapshotOf(cluster);
  const perInstant = recordDeltas(cluster, () => {
    for (const name of ['app-0', 'app-1', 'app-2', 'app-3']) cluster.rolloutRestart('Deployment', 'default', name);
    cluster.scale('Deployment', 'default', 'app-4', 80);
    cluster.runFor(120_000);
  });
  const deltas = coalesce(perInstant, DELTAS);
  const changed = deltas.reduce((n, d) => n + d.upserts.length + d.deletes.length, 0);
  console.log(
    `fixture: ${snapshot.objects.length} objects (${snapshot.objects.filter((o) => o.kind === 'Pod').length} pods), ${snapshot.events.length} events; ${deltas.length} deltas with ${changed} object changes (simulated in ${simMs.toFixed(0)} ms)`,
  );

  const model = new ClusterModel();
  console.log(`load snapshot: ${time(() => model.loadSnapshot(snapshot)).toFixed(2)} ms`);
  const views: [string, () => unknown][] = [
    ['nodes (view-model)', () => nodeCards(model)],
    ['pods table (all rows + first 100 as HTML)', () => renderTable(buildTable(model, 'pods'))],
    ['deployments + replicasets tables', () => [renderTable(buildTable(model, 'deployments')), renderTable(buildTable(model, 'replicasets'))]],
    ['topology (graph, layout, SVG)', () => renderTopology(buildTopology(model))],
    ['events (fold, filter, HTML)', () => renderEvents(filterEvents(model.events, { type: 'all' }), model.clock.time)],
  ];
  for (const [name, render] of views) {
    const first = time(render);
    const replay = new ClusterModel();
    replay.loadSnapshot(snapshot);
    const updates: number[] = [];
    for (const delta of deltas) {
      updates.push(
        time(() => {
          replay.applyDelta(delta);
          render();
        }),
      );
    }
    console.log(`${name}: first render ${first.toFixed(2)} ms; per delta (apply + render) ${stats(updates)}`);
  }
}

async function benchBrowser(): Promise<void> {
  const chromium = process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(`browser: skipped (no ${chromium})`);
    return;
  }
  const harness = await openPanel({
    chromium,
    engine: { seed: 5, nodes: 10 },
    setup(host) {
      host.current.apply(largeDeployments(PODS, 20));
      host.current.runFor(120_000);
    },
    viewport: { width: 1400, height: 900 },
  });
  const { page, host } = harness;
  try {
    await page.evaluate(() => {
      const w = window as unknown as { renders: { view: string; ms: number }[] };
      w.renders = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.renders.push({ view: String((entry as PerformanceMeasure).detail?.view), ms: entry.duration });
      }).observe({ entryTypes: ['measure'] });
    });
    const loaded = Date.now();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="pod"]').length >= n, PODS, { timeout: 60_000 });
    console.log(`browser: snapshot to ${PODS} pods on screen ${Date.now() - loaded} ms (wall, includes transfer)`);
    for (const view of ['nodes', 'workloads', 'topology', 'events']) {
      await page.locator(`[data-testid="tab-${view}"]`).click();
      await page.evaluate(() => ((window as unknown as { renders: unknown[] }).renders = []));
      host.action({ type: 'rolloutRestart', kind: 'Deployment', namespace: 'default', name: `app-${view.length}` });
      for (let i = 0; i < DELTAS; i++) {
        host.action({ type: 'step', ms: 1000 });
        host.flush();
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      }
      const renders = await page.evaluate(() => (window as unknown as { renders: { view: string; ms: number }[] }).renders);
      const durations = renders.filter((r) => r.view === view).map((r) => r.ms);
      console.log(`browser ${view}: render per frame while ${DELTAS} deltas arrive: ${stats(durations)}`);
    }
  } finally {
    await harness.close();
    await closeBrowser();
  }
  if (harness.errors.length > 0) console.log(`browser errors: ${harness.errors.join(' | ')}`);
}

export async function benchPanel(): Promise<void> {
  benchViewModel();
  await benchBrowser();
}

// Run directly (node scripts/run-ts.mjs scripts/bench/panel.ts), not when index.ts imports it.
if (/[\\/]panel\.(c?js|ts)$/.test(process.argv[1] ?? '')) {
  benchPanel().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
