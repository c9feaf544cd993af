import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { findManifests } from '../../server/src/core/fs/findManifests';
import { LspHarness } from '../lsp/harness';
import { cli, FIXTURES } from './runCli';

interface Row {
  file: string;
  line: number;
  character: number;
  severity: string;
  code: string;
  message: string;
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** The same folders through the CLI and through the language server must give the same diagnostics. */
describe('CLI and language server parity', () => {
  for (const folder of [join(FIXTURES, 'check'), resolve(FIXTURES, '..', '..', 'examples')]) {
    it(`reports the same diagnostics for ${folder.slice(folder.lastIndexOf('/') + 1)}/`, async () => {
      const out = JSON.parse((await cli(['check', '.', '--format', 'json'], folder)).stdout) as { diagnostics: (Omit<Row, 'line' | 'character'> & { range: { start: { line: number; character: number } } })[] };
      const fromCli: Row[] = out.diagnostics.map((d) => ({ file: d.file, line: d.range.start.line, character: d.range.start.character, severity: d.severity, code: d.code, message: d.message }));

      const lsp = new LspHarness();
      await lsp.initialize(pathToFileURL(folder).toString());
      const fromServer: Row[] = [];
      for (const path of await findManifests(folder)) {
        const uri = pathToFileURL(path).toString();
        const published = lsp.waitForDiagnostics(uri);
        await lsp.open(uri, readFileSync(path, 'utf8'));
        for (const d of await published) {
          fromServer.push({ file: path.slice(folder.length + 1), line: d.range.start.line, character: d.range.start.character, severity: SEVERITY[d.severity ?? 1], code: String(d.code), message: String(d.message) });
        }
      }
      await lsp.dispose();
      const key = (r: Row): string => `${r.file}:${r.line}:${r.character}:${r.code}:${r.message}`;
      assert.ok(fromCli.length > 0, 'the fixtures have problems to compare');
      assert.deepEqual(fromServer.map(key).sort(), fromCli.map(key).sort());
    });
  }
});
