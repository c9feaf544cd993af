import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DEFAULT_MAX_BYTES } from '../../server/src/core/parse/parseFile';
import { LspHarness } from '../lsp/harness';
import { assertStillServing, openAndWait, startedServer } from './helpers';

const header = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded. */
function billionLaughs(): string {
  const lines = [header('lol'), 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let level = 1; level < names.length; level++) {
    const ref = `*${names[level - 1]}`;
    lines.push(`  ${names[level]}: &${names[level]} [${Array(9).fill(ref).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

async function withServer(run: (lsp: LspHarness) => Promise<void>): Promise<void> {
  const lsp = await startedServer();
  try {
    await run(lsp);
  } finally {
    await lsp.dispose();
  }
}

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const only = (diagnostics: Diagnostic[]): Diagnostic => {
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
  return diagnostics[0];
};

describe('hostile files', () => {
  it('an alias bomb (billion laughs) is reported, not expanded', () =>
    withServer(async (lsp) => {
      const uri = 'file:///ws/bomb.yaml';
      const d = only(await openAndWait(lsp, uri, billionLaughs()));
      assert.equal(d.code, 'yaml-syntax');
      assert.equal(d.message, 'Document could not be read: Excessive alias count indicates a resource exhaustion attack');
      assert.equal(d.range.start.line, 0);
      // Features on the bomb itself answer without expanding it.
      await lsp.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 4 } });
      await lsp.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 4 } });
      await lsp.request('textDocument/documentSymbol', { textDocument: { uri } });
      await assertStillServing(lsp, assert.ok);
    }));

  it(`a file above ${DEFAULT_MAX_BYTES / 1048576} MB is skipped with one warning`, () =>
    withServer(async (lsp) => {
      const uri = 'file:///ws/huge.yaml';
      const filler = `# ${'x'.repeat(1022)}\n`;
      const text = header('huge') + filler.repeat(Math.ceil((DEFAULT_MAX_BYTES + 1048576) / filler.length));
      const d = only(await openAndWait(lsp, uri, text));
      assert.equal(d.severity, 2);
      assert.equal(d.message, `File is 21.0 MB, above the 20 MB limit; it was not checked.`);
      await assertStillServing(lsp, assert.ok);
    }));

  const deep: [string, string][] = [
    ['flow sequences', `${header('deep')}data:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['flow mappings', `${header('deep')}data:\n  x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['compact block sequences', `${header('deep')}data:\n  x:\n    ${'- '.repeat(10_000)}x\n`],
  ];
  for (const [shape, text] of deep) {
    it(`10,000-deep ${shape} are reported as too deep, and the server keeps working`, () =>
      withServer(async (lsp) => {
        const d = only(await openAndWait(lsp, 'file:///ws/deep.yaml', text));
        assert.equal(d.code, 'yaml-syntax');
        assert.equal(d.message, 'YAML nested too deeply to be read (the limit is 1,000 levels); the document was not checked.');
        await lsp.request('textDocument/hover', { textDocument: { uri: 'file:///ws/deep.yaml' }, position: { line: 5, character: 8 } });
        await assertStillServing(lsp, assert.ok);
      }));
  }

  it('nesting just below the limit that the parser cannot follow gets the same clear message', () =>
    withServer(async (lsp) => {
      const d = only(await openAndWait(lsp, 'file:///ws/deep.yaml', `${header('deep')}data:\n  x: ${'['.repeat(990)}${']'.repeat(990)}\n`));
      assert.equal(d.message, 'YAML nested too deeply to be read (the limit is 1,000 levels); the document was not checked.');
      await assertStillServing(lsp, assert.ok);
    }));

  it('very long lines are checked, and messages quote them shortened', () =>
    withServer(async (lsp) => {
      const key = 'k'.repeat(1_000_000);
      const image = 'registry.example.com/' + 'x'.repeat(2_000_000);
      const text = `${header('long')}data:\n  ${key}: v\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: long\nspec:\n  containers:\n    - name: a\n      image: ${image}\n      imagePullPolicy: Sometimes\n`;
      const diagnostics = await openAndWait(lsp, 'file:///ws/long.yaml', text);
      assert.ok(diagnostics.length >= 2, JSON.stringify(diagnostics.map((d) => messageOf(d).slice(0, 100))));
      for (const d of diagnostics) assert.ok(messageOf(d).length < 400, `message of ${messageOf(d).length} characters: ${messageOf(d).slice(0, 200)}`);
      const keyProblem = diagnostics.find((d) => d.range.start.line === 5);
      assert.ok(keyProblem, 'the million-character key is reported on its line');
      assert.match(messageOf(keyProblem), /^data\[k{55}…\(1,000,007 characters\)…k{18}\]: .*must be no more than 253 bytes$/);
      assert.ok(
        diagnostics.some((d) => d.range.start.line === 15 && /Sometimes/.test(messageOf(d))),
        'the document after the long line is checked too',
      );
      await assertStillServing(lsp, assert.ok);
    }));

  it('a binary file named .yaml gets one warning and nothing else', () =>
    withServer(async (lsp) => {
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
      const d = only(await openAndWait(lsp, 'file:///ws/image.yaml', bytes.toString('latin1')));
      assert.equal(d.message, 'File contains binary data (NUL bytes or invalid UTF-8); it is not a YAML manifest and was not checked.');
      await assertStillServing(lsp, assert.ok);
    }));

  it('a workspace file above the indexing limit is left out with a log line, and the rest is indexed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-index-'));
    try {
      const filler = `# ${'x'.repeat(1022)}\n`;
      writeFileSync(join(dir, 'generated.yaml'), header('generated') + filler.repeat(6 * 1024));
      writeFileSync(join(dir, 'settings.yaml'), `${header('settings')}data:\n  LEVEL: info\n`);
      const lsp = new LspHarness();
      const logs: string[] = [];
      let indexed!: () => void;
      const done = new Promise<void>((resolve) => (indexed = resolve));
      lsp.client.onNotification('window/logMessage', (p: { message: string }) => {
        logs.push(p.message);
        if (p.message.startsWith('Indexed ')) indexed();
      });
      try {
        await lsp.initialize(pathToFileURL(dir).toString());
        await done;
        assert.ok(logs.includes(`Not indexed: ${join(dir, 'generated.yaml')} (6.0 MB, above the 5 MB limit for files that are not open)`), logs.join('\n'));
        assert.ok(
          logs.some((m) => m.startsWith('Indexed 1 manifest files')),
          logs.join('\n'),
        );
        await assertStillServing(lsp, assert.ok);
      } finally {
        await lsp.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('invalid UTF-8 (decoded with replacement characters) gets the same warning; indexing such a file from disk is harmless', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-utf8-'));
    try {
      const invalid = Buffer.concat([Buffer.from(`${header('bad')}data:\n  a: "`), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"\n')]);
      writeFileSync(join(dir, 'bad.yaml'), invalid);
      writeFileSync(join(dir, 'good.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n');
      const lsp = new LspHarness();
      try {
        await lsp.initialize(pathToFileURL(dir).toString());
        const uri = pathToFileURL(join(dir, 'bad.yaml')).toString();
        const d = only(await openAndWait(lsp, uri, invalid.toString('utf8')));
        assert.match(messageOf(d), /^File contains binary data \(NUL bytes or invalid UTF-8\)/);
        await assertStillServing(lsp, assert.ok);
      } finally {
        await lsp.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
