import { ruleDocUrl, RULES } from '../core/rules/catalog';
import type { Diagnostic } from '../core/types';

export interface FileDiagnostics {
  /** Path relative to the working directory. */
  file: string;
  uri: string;
  diagnostics: Diagnostic[];
  text: string;
}

export interface CheckSummary {
  files: number;
  resources: number;
  errors: number;
  warnings: number;
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** `file:line:col severity message [id]`, 1-based, then a summary line. */
export function formatText(results: FileDiagnostics[], s: CheckSummary): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of sorted(r.diagnostics)) {
      lines.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message} [${d.code}]`);
    }
  }
  const problems = results.reduce((n, r) => n + r.diagnostics.length, 0);
  lines.push(`${problems} problem${problems === 1 ? '' : 's'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}) in ${s.files} file${s.files === 1 ? '' : 's'}, ${s.resources} resource${s.resources === 1 ? '' : 's'} checked`);
  return lines.join('\n') + '\n';
}

/** The JSON contract: {"diagnostics":[{file, range, severity, code, message, source}], "summary":{…}}. */
export function formatJson(results: FileDiagnostics[], s: CheckSummary): string {
  const diagnostics = results.flatMap((r) =>
    sorted(r.diagnostics).map((d) => ({ file: r.file, range: d.range, severity: d.severity, code: d.code, message: d.message, source: d.source })),
  );
  return JSON.stringify({ diagnostics, summary: { files: s.files, resources: s.resources, errors: s.errors, warnings: s.warnings } });
}

const SARIF_LEVEL: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 with one rule descriptor per Shipshape rule id. */
export function formatSarif(results: FileDiagnostics[]): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
    helpUri: ruleDocUrl(r.id),
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    sorted(r.diagnostics).map((d) => ({
      ruleId: d.code,
      ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: r.file.split('\\').join('/') },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        },
      ],
    })),
  );
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'shipshape', informationUri: 'https://github.com/shipshape-dev/shipshape', version: '0.1.0', rules } }, results: sarifResults }],
  });
}
