import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { RULES } from '../../../server/src/core/rules/catalog';
import type { E2eTest } from '../harness';
import { activateExtension, languageServerPids, lineOf, openWorkspaceFile, ruleId, summary, waitForDiagnostics, waitUntil } from './helpers';

const RULE_IDS = new Set(RULES.map((rule) => rule.id));
const BROKEN = 'broken-deployment.yaml';
const DUPLICATE_KEY = 'duplicate-key.yaml';

interface Manifest {
  contributes: { commands: { command: string }[] };
}

/** Waits until the two mistakes of the broken fixture are reported. */
async function brokenDiagnostics(editor: vscode.TextEditor): Promise<vscode.Diagnostic[]> {
  const replicasLine = lineOf(editor.document, 'replicas:');
  const lablesLine = lineOf(editor.document, 'lables:');
  const onLine = (line: number) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => d.range.start.line === line);
  return waitForDiagnostics(editor.document.uri, (all) => onLine(replicasLine)(all) && onLine(lablesLine)(all));
}

export const extensionTests: E2eTest<void>[] = [
  {
    name: 'the extension activates',
    async run() {
      const extension = await activateExtension();
      assert.equal(extension.isActive, true);
    },
  },
  {
    name: 'every contributed command is registered',
    async run() {
      const extension = await activateExtension();
      const contributed = (extension.packageJSON as Manifest).contributes.commands.map((c) => c.command);
      assert.ok(contributed.length >= 5, `package.json contributes ${contributed.length} commands`);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        contributed.filter((id) => !registered.has(id)),
        [],
      );
    },
  },
  {
    name: 'problems of a broken Deployment are reported with rule ids and precise lines',
    async run() {
      await activateExtension();
      const editor = await openWorkspaceFile(BROKEN);
      const diagnostics = await brokenDiagnostics(editor);
      for (const diagnostic of diagnostics) {
        assert.ok(RULE_IDS.has(ruleId(diagnostic) ?? ''), `unknown rule id in ${summary(diagnostic)}`);
      }
      const replicas = diagnostics.find((d) => d.range.start.line === lineOf(editor.document, 'replicas:'));
      assert.ok(replicas, 'no diagnostic on replicas');
      assert.match(editor.document.getText(replicas.range), /^["']3["']$/, `replicas diagnostic covers the wrong text: ${summary(replicas)}`);
      const lables = diagnostics.find((d) => d.range.start.line === lineOf(editor.document, 'lables:'));
      assert.ok(lables, 'no diagnostic on lables');
      assert.match(editor.document.getText(lables.range), /^lables/, `lables diagnostic covers the wrong text: ${summary(lables)}`);
    },
  },
  {
    name: 'a crashed language server is restarted and analyses edits again',
    timeoutMs: 45_000,
    async run() {
      if (process.platform !== 'linux') return;
      await activateExtension();
      const editor = await openWorkspaceFile(DUPLICATE_KEY);
      const duplicateLine = lineOf(editor.document, 'name: settings-v2');
      const reportedOn = (line: number) => (all: vscode.Diagnostic[]) => all.some((d) => ruleId(d) === 'duplicate-key' && d.range.start.line === line);
      await waitForDiagnostics(editor.document.uri, reportedOn(duplicateLine));
      const [crashed, ...others] = languageServerPids();
      assert.ok(crashed !== undefined && others.length === 0, `expected one language server process, found ${[crashed, ...others].join(', ')}`);

      process.kill(crashed, 'SIGKILL');
      await waitUntil(() => languageServerPids().some((pid) => pid !== crashed), 20_000, 'no new language server process');

      // The new server must see edits: a line inserted at the top moves the problem down by one.
      await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# edited after the restart\n'));
      try {
        await waitForDiagnostics(editor.document.uri, reportedOn(duplicateLine + 1));
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    },
  },
];
