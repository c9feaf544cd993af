import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { E2eTest } from '../harness';
import type { UiContext } from './context';
import { clickCodeLens, codeLens, quickOpen, waitForCodeLens, waitForNotification, webview } from './workbench';

const WAIT = 30_000;

/** Saves the window and, beside it, the panel alone (`<name>-panel.png`), to check that it is legible. */
async function panelShot(ui: UiContext, page: Page, name: string): Promise<void> {
  const path = await ui.screenshot(page, name);
  await page.locator('iframe.webview.ready').screenshot({ path: path.replace(/\.png$/, '-panel.png') });
}

/** The panel's width in CSS pixels and whether the events view needs horizontal scrolling. */
async function eventsLayout(panel: FrameLocator): Promise<{ width: number; overflows: boolean; messageBelow: boolean }> {
  return panel.locator('body').evaluate(() => {
    const scroll = document.querySelector('.table-scroll');
    const event = document.querySelector('tr.event');
    const reason = event?.querySelector('td.reason')?.getBoundingClientRect();
    const message = event?.querySelector('td.message')?.getBoundingClientRect();
    return {
      width: document.documentElement.clientWidth,
      overflows: scroll ? scroll.scrollWidth > scroll.clientWidth + 1 : true,
      messageBelow: Boolean(reason && message && message.top >= reason.bottom - 1),
    };
  });
}

/** Waits (frame by frame, at most ~5 s) until the panel's width is no longer `before`. */
async function resized(panel: FrameLocator, before: number): Promise<void> {
  const changed = await panel.locator('body').evaluate(async (_body, previous) => {
    for (let frame = 0; frame < 300; frame++) {
      if (document.documentElement.clientWidth !== previous) return true;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return false;
  }, before);
  assert.ok(changed, `the panel stayed ${before} px wide`);
}

export const firstRunUiTests: E2eTest<UiContext>[] = [
  {
    name: 'first run: refused applies show on the lens and in the panel; drift lens with both directions; lens latency',
    timeoutMs: 150_000,
    async run(ui) {
      const page = await ui.openWorkspace('examples', 'repo');

      // A Deployment before its Namespace: refused, and the lens says why.
      await quickOpen(page, 'api.yaml');
      await clickCodeLens(page, 'Apply file (2 resources)');
      await waitForCodeLens(page, '✖ refused: namespaces "shop" not found');
      await waitForNotification(page, 'namespaces "shop" not found');
      await ui.screenshot(page, 'first-run-refused-lens');

      // Namespace and config first (the first successful apply opens the panel), then the api again.
      await quickOpen(page, 'namespace.yaml');
      await clickCodeLens(page, '▶ Apply');
      const panel = webview(page);
      await panel.locator('[data-testid="cluster-panel"] #clock').waitFor({ timeout: WAIT });
      await quickOpen(page, 'config.yaml');
      await clickCodeLens(page, 'Apply file');
      await panel.locator('[data-testid="status"]', { hasText: 'configmap/app-config created' }).waitFor({ timeout: WAIT });
      await quickOpen(page, 'api.yaml');
      await clickCodeLens(page, 'Apply file (2 resources)');
      await panel.locator('[data-testid="status"]', { hasText: 'deployment.apps/api created' }).waitFor({ timeout: WAIT });
      assert.match(await panel.locator('[data-testid="status"]').innerText(), /deployment\.apps\/api created\s+service\/api-service created/);
      await codeLens(page, '✖ refused').waitFor({ state: 'detached', timeout: WAIT });
      await waitForCodeLens(page, '3/3 ready');

      // Drift: scale in the panel; the lens follows and offers both directions.
      await panel.locator('[data-testid="tab-workloads"]').click();
      await panel.locator('tr[data-testid="row"][data-kind="Deployment"][data-name="api"]').click();
      await panel.locator('[data-testid="input-replicas"]').fill('5');
      await panel.locator('[data-testid="action-scale"]').click();
      await panel.locator('[data-testid="status"]', { hasText: 'deployment.apps/api scaled' }).waitFor({ timeout: WAIT });
      const scaledAt = Date.now();
      await waitForCodeLens(page, 'cluster differs: replicas 5, file 3');
      console.log(`  lens showed the drift ${Date.now() - scaledAt} ms after the panel reported the scale`);
      await waitForCodeLens(page, 'Re-apply file');
      await panelShot(ui, page, 'first-run-drift-lens');
      await clickCodeLens(page, 'Use cluster values');
      await page.locator('.monaco-editor .view-lines', { hasText: 'replicas: 5' }).waitFor({ timeout: WAIT });
      await codeLens(page, 'cluster differs').waitFor({ state: 'detached', timeout: WAIT });

      // A refused apply while the panel is open: lens, panel status line (error tone).
      await quickOpen(page, 'web.yaml');
      await clickCodeLens(page, '▶ Apply');
      await waitForCodeLens(page, '✖ refused: metadata.lables');
      const status = panel.locator('[data-testid="status"][data-tone="error"]', { hasText: 'The Deployment "web" is invalid' });
      await status.waitFor({ timeout: WAIT });
      await panelShot(ui, page, 'first-run-refused-panel');
    },
  },
  {
    name: 'first run: the events view and the tables read at 600 px and 450 px without horizontal scrolling',
    timeoutMs: 120_000,
    async run(ui) {
      const page = await ui.openWorkspace('panel');
      await quickOpen(page, 'shop.yaml');
      await clickCodeLens(page, 'Apply file (3 resources)');
      const panel = webview(page);
      await panel.locator('[data-testid="pod"][data-ready="true"]').nth(2).waitFor({ timeout: WAIT });
      await panel.locator('[data-testid="tab-events"]').click();
      await panel.locator('[data-testid="event"][data-reason="Scheduled"]').first().waitFor({ timeout: WAIT });
      for (const [viewport, name] of [
        [1240, 'first-run-events-600'],
        [940, 'first-run-events-450'],
      ] as const) {
        const before = (await eventsLayout(panel)).width;
        await page.setViewportSize({ width: viewport, height: 900 });
        await resized(panel, before);
        const layout = await eventsLayout(panel);
        console.log(`  ${name}: panel ${layout.width} px wide`);
        assert.equal(layout.overflows, false, `events scroll sideways at ${layout.width} px`);
        assert.equal(layout.messageBelow, true, `the message is not under the reason at ${layout.width} px`);
        await panelShot(ui, page, name);
      }
      await panel.locator('[data-testid="tab-workloads"]').click();
      await panelShot(ui, page, 'first-run-workloads-450');
      // The topology is drawn at its natural size and scrolls: its labels never shrink below 11 px.
      await panel.locator('[data-testid="tab-topology"]').click();
      const smallest = await panel.locator('svg.topology').evaluate((svg) => {
        const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
        return Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
      });
      assert.ok(smallest >= 11, `a topology label is ${smallest} px`);
      await panelShot(ui, page, 'first-run-topology-450');
    },
  },
];
