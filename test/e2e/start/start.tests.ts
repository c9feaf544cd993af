import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { fetchWorkbench } from '../../../scripts/e2e/codeServer';
import { isAlive } from '../../../scripts/e2e/processTree';
import { workingCopyPaths } from '../../../scripts/start/workingCopy';
import type { E2eTest } from '../harness';
import { newPage } from '../ui/browser';
import { screenshot } from '../ui/workbench';
import { StartProcess } from './process';

/** What the `npm start` tests need: the repository, a browser, a scratch folder. */
export interface StartContext {
  root: string;
  browser: Browser;
  /** Scratch folder; the tests' working copy lives in <workDir>/workspace (SHIPSHAPE_WORKSPACE_DIR). */
  workDir: string;
  screenshotDir: string;
}

/** Build (first run) plus code-server start, on a busy machine. */
const OPEN_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

export const startTests: E2eTest<StartContext>[] = [
  {
    name: 'npm start opens a working copy of examples/ with Shipshape, and Ctrl+C stops everything',
    timeoutMs: 300_000,
    async run(context) {
      const copy = resetWorkingCopy(context);
      const trackedBefore = trackedState(context.root);
      const start = StartProcess.spawn('npm', ['start'], context.root, startEnv(copy.dir));
      try {
        const url = await start.waitForOpenLine(OPEN_TIMEOUT_MS);
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
        assert.equal(start.openLines.length, 1, start.text);
        assert.match(start.text, /Created a working copy of examples\//);

        const page = await fetchWorkbench(url);
        assert.ok(page.isWorkbench, `${url} answered HTTP ${page.status} without the workbench`);
        assert.equal(new URL(page.url).searchParams.get('folder'), copy.examples);
        assert.deepEqual(fileList(copy.examples), fileList(join(context.root, 'examples')));

        // The extension is installed (not loaded through the test driver): its lens appears.
        const { context: browserContext, page: tab } = await newPage(context.browser);
        try {
          // A first start on a busy machine: the workbench may take well over the usual 30 s to load.
          tab.setDefaultTimeout(120_000);
          await tab.goto(url);
          await tab.locator('.explorer-folders-view .monaco-list-row', { hasText: 'shop' }).first().click();
          await tab.locator('.explorer-folders-view .monaco-list-row', { hasText: 'namespace.yaml' }).first().click();
          await tab.locator('.codelens-decoration a', { hasText: '▶ Apply' }).first().waitFor({ timeout: 120_000 });
          await screenshot(tab, context.screenshotDir, 'npm-start');
        } finally {
          await browserContext.close();
        }

        const processes = start.processTree();
        assert.ok(processes.length >= 3, `expected npm, the start script and code-server, got ${processes.length} processes`);
        const ended = await start.interrupt(STOP_TIMEOUT_MS);
        assert.match(start.text, /Stopped\./);
        assert.deepEqual(ended, { code: 0, signal: null }, start.text);
        assert.deepEqual(await survivors(processes), [], 'processes left after Ctrl+C');
      } finally {
        start.kill();
      }
      assert.deepEqual(trackedState(context.root), trackedBefore, 'npm start changed tracked files');
    },
  },
  {
    name: 'npm start keeps the working copy and the editor state between runs; --reset starts over',
    timeoutMs: 300_000,
    async run(context) {
      const copy = workingCopyPaths(context.root, { SHIPSHAPE_WORKSPACE_DIR: join(context.workDir, 'workspace') });
      if (!existsSync(copy.examples)) await runOnce(context, copy.dir, []);
      const edited = join(copy.examples, 'shop', 'api.yaml');
      const settings = join(copy.editorState, 'user-data', 'User', 'settings.json');
      writeFileSync(edited, `${readFileSync(edited, 'utf8')}# my edit\n`);
      writeFileSync(settings, JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), 'editor.fontSize': 15 }));

      const again = await runOnce(context, copy.dir, []);
      assert.match(again, /Opening your working copy of examples\//);
      assert.match(readFileSync(edited, 'utf8'), /# my edit\n$/);
      assert.equal((JSON.parse(readFileSync(settings, 'utf8')) as Record<string, unknown>)['editor.fontSize'], 15);

      const reset = await runOnce(context, copy.dir, ['--reset']);
      assert.match(reset, /Reset: deleted /);
      assert.equal(readFileSync(edited, 'utf8'), readFileSync(join(context.root, 'examples', 'shop', 'api.yaml'), 'utf8'));
      assert.equal((JSON.parse(readFileSync(settings, 'utf8')) as Record<string, unknown>)['editor.fontSize'], undefined);
    },
  },
];

/** The start script itself (the build already ran): start, wait for the line, Ctrl+C. Returns the output. */
async function runOnce(context: StartContext, workspaceDir: string, args: string[]): Promise<string> {
  const start = StartProcess.spawn(
    process.execPath,
    [join('scripts', 'run-ts.mjs'), join('scripts', 'start.ts'), ...args],
    context.root,
    startEnv(workspaceDir),
  );
  try {
    const url = await start.waitForOpenLine(OPEN_TIMEOUT_MS);
    assert.ok((await fetchWorkbench(url)).isWorkbench);
    assert.deepEqual(await start.interrupt(STOP_TIMEOUT_MS), { code: 0, signal: null }, start.text);
    return start.text;
  } finally {
    start.kill();
  }
}

function startEnv(workspaceDir: string): Record<string, string> {
  // Any free port, so a developer's own `npm start` (on the default port) is left alone.
  return { SHIPSHAPE_WORKSPACE_DIR: workspaceDir, SHIPSHAPE_USE_CODE_SERVER: '1', SHIPSHAPE_PORT: '0' };
}

function resetWorkingCopy(context: StartContext): ReturnType<typeof workingCopyPaths> {
  const copy = workingCopyPaths(context.root, { SHIPSHAPE_WORKSPACE_DIR: join(context.workDir, 'workspace') });
  rmSync(copy.dir, { recursive: true, force: true });
  return copy;
}

/** Tracked files' status (git) and the content of examples/, to compare before and after. */
function trackedState(root: string): { git: string; examples: Record<string, string> } {
  const git = existsSync(join(root, '.git')) ? execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }) : '';
  const examples = join(root, 'examples');
  return { git, examples: Object.fromEntries(fileList(examples).map((file) => [file, readFileSync(join(examples, file), 'utf8')])) };
}

function fileList(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Processes of `pids` still alive; polls briefly, as processes that are not our children raise no exit event. */
async function survivors(pids: number[]): Promise<number[]> {
  const deadline = Date.now() + 2000;
  while (pids.some(isAlive) && Date.now() < deadline) await delay(50);
  return pids.filter(isAlive);
}
