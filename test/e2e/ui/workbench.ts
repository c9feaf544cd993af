import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/**
 * Helpers that drive the VS Code workbench in the browser like a person would. Selectors are the
 * workbench's own DOM classes (checked against code-server 4.139 / VS Code 1.139).
 */

const WAIT = 20_000;

/** Loads the workbench and waits until the editor area is there. */
export async function loadWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: WAIT });
  // Explorer rows appear once the remote file system answers: the workbench can then open files.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WAIT });
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its tab to be active. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: WAIT });
  await input.fill(fileName);
  // Click the matching row: the list refreshes while results arrive, so Enter may hit another row.
  await pickQuickInputRow(page, fileName);
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: WAIT });
}

/** Runs a command from the palette (F1) by its full title, e.g. "Shipshape: Open Simulated Cluster". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openCommandPalette(page, title);
  await pickQuickInputRow(page, title);
}

/** Clicks the Quick Open / palette row whose label is exactly `label`. */
async function pickQuickInputRow(page: Page, label: string): Promise<void> {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ timeout: WAIT });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
}

/** Opens the palette filtered by `filter` and returns the labels it offers; the palette stays open. */
export async function paletteEntries(page: Page, filter: string, expectedAtLeast = 1): Promise<string[]> {
  const rows = page.locator('.quick-input-list .monaco-list-row .label-name');
  const deadline = Date.now() + WAIT;
  // The palette lists what is enabled when it opens; commands whose enablement settles a moment after
  // start-up (workspace trust, activation) appear on a later opening, so reopen until they are there.
  for (;;) {
    await openCommandPalette(page, filter);
    try {
      await rows.nth(expectedAtLeast - 1).waitFor({ timeout: Math.min(PALETTE_ATTEMPT_MS, Math.max(1, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await closeQuickInput(page);
    }
  }
  const labels = await rows.allInnerTexts();
  return labels.map((label) => label.trim());
}

const PALETTE_ATTEMPT_MS = 3000;

/** Closes Quick Open or the command palette. */
export async function closeQuickInput(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
}

async function openCommandPalette(page: Page, filter: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: WAIT });
  await input.fill(`>${filter}`);
}

/** The code lens with this text (the first if several). */
export function codeLens(page: Page, text: string): Locator {
  return page.locator('.codelens-decoration a', { hasText: text }).first();
}

export async function waitForCodeLens(page: Page, text: string): Promise<Locator> {
  const lens = codeLens(page, text);
  await lens.waitFor({ timeout: WAIT });
  return lens;
}

export async function clickCodeLens(page: Page, text: string): Promise<void> {
  await (await waitForCodeLens(page, text)).click();
}

/** Opens the Problems panel (Ctrl+Shift+M). */
export async function openProblems(page: Page): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: WAIT });
}

/**
 * Waits until the Problems panel shows a row containing every fragment, e.g.
 * `('shipshape(schema)', '[Ln 6, Col 3]')`, and returns that row's text. On timeout the error
 * lists the rows that were shown.
 */
export async function waitForProblem(page: Page, ...fragments: string[]): Promise<string> {
  let row = page.locator('.markers-panel .monaco-list-row');
  for (const fragment of fragments) row = row.filter({ hasText: fragment });
  try {
    await row.first().waitFor({ timeout: WAIT });
  } catch {
    throw new Error(
      `No problem row contains ${fragments.map((f) => JSON.stringify(f)).join(' and ')}; rows: ${(await problemRows(page)).join(' | ') || '(none)'}`,
    );
  }
  return normalize(await row.first().innerText());
}

/** Every row of the Problems panel (file rows and problem rows), as shown. */
export async function problemRows(page: Page): Promise<string[]> {
  return (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map(normalize);
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Waits for a notification containing `text` in the notification center and returns its text.
 * With the smoke-test driver enabled (which loading the extension unpackaged needs) the workbench
 * shows no toasts: notifications only reach the center, so the center is opened first.
 */
export async function waitForNotification(page: Page, text: string): Promise<string> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) await runCommand(page, 'Notifications: Show Notifications');
  const item = center.locator('.notification-list-item', { hasText: text }).first();
  try {
    await item.waitFor({ timeout: WAIT });
  } catch {
    const shown = (await center.locator('.notification-list-item').allInnerTexts()).map(normalize);
    throw new Error(`No notification contains ${JSON.stringify(text)}; shown: ${shown.join(' | ') || '(none)'}`);
  }
  return normalize(await item.innerText());
}

/** The content frame of the active webview: the workbench nests it two iframes deep. */
export function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Saves a full-window screenshot as <dir>/<name>.png and returns its path. */
export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Keyboard shortcuts reach the workbench only when it has focus. */
async function focusWorkbench(page: Page): Promise<void> {
  const editor = page.locator('.monaco-editor .view-lines').first();
  if (await editor.isVisible()) await editor.click();
  else await page.locator('.monaco-workbench .part.editor').click();
}
