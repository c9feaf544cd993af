/**
 * Screenshots of every view of the cluster panel with the shop example, outside VS Code:
 *   node scripts/build.mjs && node scripts/run-ts.mjs test/panel/browser/preview.ts
 * Writes test-results/panel/*.png and fails on any page error or rejected message.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyShop, REPO } from '../fixtures';
import { closeBrowser, openPanel } from './harness';

async function main(): Promise<void> {
  const out = join(REPO, 'test-results', 'panel');
  mkdirSync(out, { recursive: true });
  const harness = await openPanel({
    setup(host) {
      applyShop(host.current);
      host.current.runFor(75_000);
      host.current.cordon('node-3');
    },
    viewport: { width: Number(process.env.WIDTH ?? 1200), height: Number(process.env.HEIGHT ?? 820) },
  });
  const { page } = harness;
  const shot = async (name: string): Promise<void> => {
    await page.waitForTimeout(450);
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`${name}.png`);
  };
  await page.locator('[data-testid="pod"]').first().waitFor();
  await shot('1-nodes');
  for (const view of ['workloads', 'network', 'topology', 'events', 'access']) {
    await page.locator(`[data-testid="tab-${view}"]`).click();
    await shot(`2-${view}`);
  }
  await page.locator('[data-testid="tab-topology"]').click();
  await page.locator('[data-testid="topo-node"][data-kind="Deployment"][data-name="api"]').click();
  await page.locator('[data-testid="details"] [data-testid="manifest-status"]', { hasText: 'examples/shop/api.yaml' }).waitFor();
  await shot('3-details-deployment');
  await page.locator('#detail-tab-describe').click();
  await page.locator('[data-testid="describe-text"]').waitFor();
  await shot('4-describe');
  await page.locator('[data-testid="tab-nodes"]').click();
  await page.locator('[data-testid="pod"][data-category="failing"]').first().click();
  await page.locator('#detail-tab-yaml').click();
  await shot('5-pod-yaml');
  await page.locator('[data-testid="tab-access"]').click();
  await page.locator('[data-testid="can-i-subject-name"]').fill('monitor');
  await page.locator('[data-testid="can-i-verb"]').selectOption('list');
  await page.locator('[data-testid="can-i-submit"]').click();
  await page.locator('[data-testid="can-i-result"] .answer').waitFor();
  await shot('6-can-i');
  await harness.close();
  await closeBrowser();
  if (harness.errors.length > 0) {
    console.error(harness.errors.join('\n'));
    process.exitCode = 1;
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await closeBrowser();
  process.exitCode = 1;
});
