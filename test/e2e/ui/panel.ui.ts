import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { E2eTest } from '../harness';
import type { UiContext } from './context';
import { clickCodeLens, quickOpen, webview } from './workbench';

const WAIT = 30_000;

/**
 * Applies shop.yaml (a Deployment "web" with 3 replicas, its Service, an Ingress with one broken
 * backend) with its "Apply file" code lens; the first apply opens the panel.
 */
async function applyShop(page: Page): Promise<FrameLocator> {
  await quickOpen(page, 'shop.yaml');
  await clickCodeLens(page, 'Apply file (3 resources)');
  const panel = webview(page);
  await panel.locator('[data-testid="cluster-panel"] #clock').waitFor({ timeout: WAIT });
  return panel;
}

/** Waits until at least `count` elements match. */
async function atLeast(frame: FrameLocator, selector: string, count: number): Promise<void> {
  await frame
    .locator(selector)
    .nth(count - 1)
    .waitFor({ timeout: WAIT });
}

export const panelUiTests: E2eTest<UiContext>[] = [
  {
    name: 'applying a file opens the cluster panel: pods on nodes, kubectl tables, a topology with the broken Ingress backend',
    timeoutMs: 90_000,
    async run(ui) {
      const page = await ui.openWorkspace('panel');
      const panel = await applyShop(page);
      await page.locator('.tabs-container .tab', { hasText: 'Simulated Cluster' }).waitFor({ timeout: WAIT });

      await atLeast(panel, '[data-testid="pod"][data-name^="web-"][data-ready="true"][data-phase="Running"]', 3);
      assert.equal(await panel.locator('[data-testid="node"]').count(), 3, 'three nodes');
      assert.match((await panel.locator('#clock').getAttribute('data-time')) ?? '', /^\d+$/);
      await ui.screenshot(page, 'panel-nodes');

      await panel.locator('[data-testid="tab-workloads"]').click();
      const deployment = panel.locator('tr[data-testid="row"][data-kind="Deployment"][data-name="web"]');
      await deployment.filter({ hasText: '3/3' }).waitFor({ timeout: WAIT });
      assert.deepEqual((await deployment.locator('td').allInnerTexts()).slice(0, 5), ['default', 'web', '3/3', '3', '3']);

      await panel.locator('[data-testid="tab-topology"]').click();
      const broken = panel.locator('[data-testid="topo-edge"][data-broken="true"][data-from="Ingress/default/shop"]');
      await broken.waitFor({ timeout: WAIT });
      assert.equal(await broken.getAttribute('data-to'), 'missing:Service/default/legacy');
      assert.equal(
        await panel.locator('[data-testid="topo-edge"][data-from="Ingress/default/shop"][data-to="Service/default/web"]').getAttribute('data-broken'),
        'false',
      );
      await ui.screenshot(page, 'panel-topology');

      await panel.locator('[data-testid="tab-events"]').click();
      await atLeast(panel, '[data-testid="event"][data-reason="Scheduled"]', 3);
    },
  },
  {
    name: 'selecting a Deployment in the panel reveals its manifest; scale, pause and keyboard selection work',
    timeoutMs: 90_000,
    async run(ui) {
      const page = await ui.openWorkspace('panel');
      const panel = await applyShop(page);
      await atLeast(panel, '[data-testid="pod"][data-name^="web-"][data-ready="true"]', 3);

      // Another file in the editor; selecting the Deployment brings shop.yaml back.
      await quickOpen(page, 'notes.yaml');
      await panel.locator('[data-testid="tab-workloads"]').click();
      await panel.locator('tr[data-testid="row"][data-kind="Deployment"][data-name="web"]').click();
      await panel.locator('[data-testid="manifest-status"]', { hasText: 'shop.yaml:4' }).waitFor({ timeout: WAIT });
      await page.locator('.tabs-container .tab.active', { hasText: 'shop.yaml' }).waitFor({ timeout: WAIT });

      await panel.locator('[data-testid="input-replicas"]').fill('5');
      await panel.locator('[data-testid="action-scale"]').click();
      await panel.locator('[data-testid="status"]', { hasText: 'deployment.apps/web scaled' }).waitFor({ timeout: WAIT });
      await panel.locator('[data-testid="tab-nodes"]').click();
      await atLeast(panel, '[data-testid="pod"][data-name^="web-"]', 5);
      await ui.screenshot(page, 'panel-scaled');

      await panel.locator('[data-testid="pause"]').click();
      await panel.locator('#clock[data-paused="true"]').waitFor({ timeout: WAIT });
      assert.equal(await panel.locator('[data-testid="pause"]').getAttribute('aria-pressed'), 'true');

      // Five pods on three nodes: some node has two. Arrow keys move within a node's pods.
      let card = panel.locator('[data-testid="node"]').first();
      for (let i = 0; i < 3; i++) {
        card = panel.locator('[data-testid="node"]').nth(i);
        if ((await card.locator('[data-testid="pod"]').count()) >= 2) break;
      }
      const pods = card.locator('[data-testid="pod"]');
      await pods.first().focus();
      await page.keyboard.press('ArrowRight');
      const second = (await pods.nth(1).getAttribute('data-name')) ?? '';
      await page.keyboard.press('Enter');
      await panel.locator('[data-testid="details"] .details-name', { hasText: second }).waitFor({ timeout: WAIT });
      assert.equal(await pods.nth(1).getAttribute('tabindex'), '0', 'the focused pod is the grid’s tab stop');
      await ui.screenshot(page, 'panel-pod-details');
    },
  },
];
