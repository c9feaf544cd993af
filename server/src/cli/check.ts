import { promises as fs } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeSettings, SUPPORTED_KUBERNETES_VERSIONS } from '../core/analysis/settings';
import { findManifests } from '../core/fs/findManifests';
import { createDefaultEnvironment } from '../core/service/defaultEnvironment';
import { LanguageService } from '../core/service/languageService';
import { createWorkspaceModel } from '../core/service/workspaceModel';
import { formatJson, formatSarif, formatText, type FileDiagnostics, type CheckSummary } from './formatters';
import type { CliIo } from './io';
import { parseArgs, UsageError } from './args';
import { findProjectConfig } from '../core/config/projectConfig';
import { rulesEnabledBy } from '../core/rules/pack/presets';

const CLI_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** `shipshape check [PATH...]`: the same diagnostics as the language server, for CI. */
export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, ['format', 'kubernetes-version', 'max-warnings', 'stdin-filename', 'enable'], [], ['enable']);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`shipshape check: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    io.stderr(`shipshape check: --format must be text, json or sarif\n`);
    return 2;
  }
  const version = args.flags.get('kubernetes-version') as string | undefined;
  if (version !== undefined && !(SUPPORTED_KUBERNETES_VERSIONS as readonly string[]).includes(version.replace(/^v/, ''))) {
    io.stderr(`shipshape check: unsupported --kubernetes-version ${version}; supported: ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}\n`);
    return 2;
  }
  const maxWarningsRaw = args.flags.get('max-warnings') as string | undefined;
  const maxWarnings = maxWarningsRaw === undefined ? -1 : Number(maxWarningsRaw);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
    io.stderr(`shipshape check: --max-warnings must be a non-negative integer\n`);
    return 2;
  }

  const enabled = ((args.flags.get('enable') as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = enabled.find((name) => !rulesEnabledBy(name));
  if (unknown !== undefined) {
    io.stderr(`shipshape check: unknown --enable ${unknown}; use best-practices, security, all or a rule id of the pack\n`);
    return 2;
  }

  const paths = args.positionals.length > 0 ? args.positionals : ['.'];
  const stdinName = args.flags.get('stdin-filename') as string | undefined;
  if (paths.filter((p) => p === '-').length > 1) {
    io.stderr('shipshape check: standard input (-) can be read only once\n');
    return 2;
  }
  if (stdinName !== undefined && !paths.includes('-')) {
    io.stderr('shipshape check: --stdin-filename needs - among the paths\n');
    return 2;
  }
  const files: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    const abs = resolve(io.cwd, p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      io.stderr(`shipshape check: no such file or directory: ${p}\n`);
      return 2;
    }
    if (stat.isDirectory()) files.push(...(await findManifests(abs, CLI_EXTENSIONS)));
    else files.push(abs);
  }
  const unique = [...new Set(files)];

  // `.shipshape.yaml` presets, found upward from each checked path, add to --enable.
  const presets = new Set(enabled);
  for (const p of paths) {
    const config = await findProjectConfig(resolve(io.cwd, p));
    for (const problem of config?.problems ?? []) io.stderr(`shipshape check: ${problem}\n`);
    for (const preset of config?.presets ?? []) presets.add(preset);
  }
  const service = new LanguageService(createDefaultEnvironment(), createWorkspaceModel());
  service.setSettings(normalizeSettings({ kubernetesVersion: version ?? undefined, presets: [...presets] }));
  const uris: { uri: string; path: string; shown: string }[] = [];
  if (paths.includes('-')) {
    if (!io.readStdin) {
      io.stderr('shipshape check: standard input is not available\n');
      return 2;
    }
    // The name decides how the text is read (Helm template, Kustomize patch) and how it is reported.
    const path = resolve(io.cwd, stdinName ?? 'stdin.yaml');
    const uri = pathToFileURL(path).toString();
    service.update(uri, await io.readStdin(), 0);
    uris.push({ uri, path, shown: stdinName ?? '<stdin>' });
  }
  for (const path of unique) {
    const uri = pathToFileURL(path).toString();
    const text = await fs.readFile(path, 'utf8');
    service.update(uri, text, 0);
    uris.push({ uri, path, shown: relative(io.cwd, path) || path });
  }
  const results: FileDiagnostics[] = [];
  const summary: CheckSummary = { files: uris.length, resources: 0, errors: 0, warnings: 0 };
  for (const { uri, shown } of uris) {
    const diagnostics = service.diagnostics(uri);
    summary.resources += service.get(uri)?.resources.length ?? 0;
    for (const d of diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
    }
    results.push({ file: shown, uri, diagnostics, text: service.get(uri)?.file.text ?? '' });
  }

  if (format === 'json') io.stdout(formatJson(results, summary) + '\n');
  else if (format === 'sarif') io.stdout(formatSarif(results) + '\n');
  else io.stdout(formatText(results, summary));

  if (summary.errors > 0) return 1;
  if (maxWarnings >= 0 && summary.warnings > maxWarnings) return 1;
  return 0;
}
