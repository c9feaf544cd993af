import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CodeServer } from '../../../scripts/e2e/codeServer';
import { newPage } from './browser';
import { loadWorkbench, screenshot } from './workbench';

/** What a UI test gets: a way to open a fresh VS Code window on a copy of a fixture workspace. */
export interface UiContext {
  /**
   * Copies test/e2e/fixtures/<fixture> (or, with `from: 'repo'`, the repository's folder <fixture>,
   * e.g. `examples`) to a fresh folder and opens it with the extension loaded.
   */
  openWorkspace(fixture?: string, from?: 'fixtures' | 'repo'): Promise<Page>;
  /** Saves a screenshot under test-results/e2e/screenshots. */
  screenshot(page: Page, name: string): Promise<string>;
}

export interface UiContextOptions {
  browser: Browser;
  server: CodeServer;
  repoRoot: string;
  /** Folder of the extension to load unpackaged. */
  extension: string;
  /** Fresh folder for this run's workspace copies. */
  workDir: string;
  screenshotDir: string;
}

export interface UiSession extends UiContext {
  /** Screenshots the most recently opened window (after a failure); returns the file, if any. */
  captureLastPage(name: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export function createUiContext(options: UiContextOptions): UiSession {
  const pages: Page[] = [];
  let opened = 0;
  return {
    async openWorkspace(fixture = 'workspace', from = 'fixtures') {
      const folder = join(options.workDir, `${fixture}-${++opened}`);
      mkdirSync(options.workDir, { recursive: true });
      const source = from === 'repo' ? join(options.repoRoot, fixture) : join(options.repoRoot, 'test', 'e2e', 'fixtures', fixture);
      cpSync(source, folder, { recursive: true });
      const { page } = await newPage(options.browser);
      pages.push(page);
      await loadWorkbench(page, options.server.workbenchUrl({ folder, extensionDevelopmentPath: options.extension }));
      return page;
    },
    screenshot: (page, name) => screenshot(page, options.screenshotDir, name),
    async captureLastPage(name) {
      const page = pages.at(-1);
      if (!page || page.isClosed()) return undefined;
      return screenshot(page, options.screenshotDir, name).catch(() => undefined);
    },
    async close() {
      await Promise.all(pages.map((page) => page.context().close()));
    },
  };
}
