/**
 * Annotated YAML fixtures for the document checks.
 *
 * A fixture is a YAML file whose expected diagnostics are written as marker lines under the text they
 * cover; marker lines are removed before the checks run, so they may stand anywhere (even inside block
 * scalars):
 *
 *     spec:
 *       replicas: -1
 *     #           ^^ invalid-value: spec.replicas: Invalid value: -1: must be greater than or equal to 0
 *
 * - The carets' columns are the range on the nearest line above that is not a marker line.
 * - `#@N ^^^` puts the range's start at column N explicitly (for columns 0 and 1, where `# ` cannot
 *   stand before the carets).
 * - ` ~L:C` after the carets: the range ends L lines further down, at column C.
 * - ` (warning)` etc. after the carets: a severity other than the check's default.
 * - ` => X` at the end: the quick-fix suggestion the diagnostic carries ("did you mean X").
 * - A first line `# options: {"isPatch": true, "kubernetesVersion": "1.35"}` sets run options.
 *
 * A fixture without markers expects no diagnostics at all.
 */
import type { Diagnostic, Severity } from '../../server/src/core/types';

export interface FixtureOptions {
  isPatch?: boolean;
  kubernetesVersion?: string;
}

export interface ExpectedDiagnostic {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  code: string;
  /** Present when the marker names one. */
  severity?: Severity;
  message: string;
  /** The "did you mean" replacement, when the diagnostic offers one. */
  suggestion?: string;
}

export interface Fixture {
  /** The YAML the checks see: the fixture without its marker lines. */
  source: string;
  options: FixtureOptions;
  expected: ExpectedDiagnostic[];
}

const MARKER = /^(\s*)#(?:@(\d+))?(\s*)(\^+)(?: ~(\d+):(\d+))?(?: \((hint|information|warning|error)\))? ([a-z0-9-]+): (.*)$/;
const SUGGESTION = ' => ';
const OPTIONS = /^# options: (\{.*\})\s*$/;

export function isMarkerLine(line: string): boolean {
  return MARKER.test(line);
}

export function parseFixture(text: string): Fixture {
  const lines = text.split('\n');
  const source: string[] = [];
  const expected: ExpectedDiagnostic[] = [];
  let options: FixtureOptions = {};
  for (const [index, line] of lines.entries()) {
    const optionsMatch = index === 0 ? OPTIONS.exec(line) : null;
    if (optionsMatch) options = JSON.parse(optionsMatch[1]) as FixtureOptions;
    const m = MARKER.exec(line);
    if (!m) {
      source.push(line);
      continue;
    }
    if (source.length === 0) throw new Error(`marker on line ${index + 1} has no line above it`);
    const [, lead, explicit, gap, carets, down, endColumn, severity, code, rest] = m;
    const arrow = rest.lastIndexOf(SUGGESTION);
    const message = arrow >= 0 ? rest.slice(0, arrow) : rest;
    const startLine = source.length - 1;
    const startCharacter = explicit !== undefined ? Number(explicit) : lead.length + 1 + gap.length;
    const multiLine = down !== undefined;
    expected.push({
      startLine,
      startCharacter,
      endLine: multiLine ? startLine + Number(down) : startLine,
      endCharacter: multiLine ? Number(endColumn) : startCharacter + carets.length,
      code,
      ...(severity ? { severity: severity as Severity } : {}),
      message,
      ...(arrow >= 0 ? { suggestion: rest.slice(arrow + SUGGESTION.length) } : {}),
    });
  }
  return { source: source.join('\n'), options, expected };
}

/** The marker line that describes `d` in a fixture whose source lines are `lines`. */
export function markerFor(d: Diagnostic, lines: readonly string[], defaultSeverity: Severity): string {
  const { start, end } = d.range;
  const multiLine = end.line > start.line;
  const width = multiLine ? Math.max(1, (lines[start.line] ?? '').length - start.character) : Math.max(1, end.character - start.character);
  const carets = '^'.repeat(width);
  const head = start.character >= 2 ? `${' '.repeat(start.character - 2)}# ${carets}` : `#@${start.character} ${carets}`;
  const span = multiLine ? ` ~${end.line - start.line}:${end.character}` : '';
  const severity = d.severity !== defaultSeverity ? ` (${d.severity})` : '';
  const suggestion = suggestionOf(d);
  return `${head}${span}${severity} ${String(d.code)}: ${d.message}${suggestion !== undefined ? SUGGESTION + suggestion : ''}`;
}

/** Writes a fixture from its source and the diagnostics the checks give for it (the update mode). */
export function renderFixture(source: string, options: FixtureOptions, diagnostics: readonly Diagnostic[], severityOf: (code: string) => Severity): string {
  const lines = source.split('\n');
  const byLine = new Map<number, string[]>();
  for (const d of diagnostics) {
    const list = byLine.get(d.range.start.line) ?? [];
    list.push(markerFor(d, lines, severityOf(String(d.code))));
    byLine.set(d.range.start.line, list);
  }
  const out: string[] = [];
  const header = Object.keys(options).length > 0 ? `# options: ${JSON.stringify(options)}` : undefined;
  for (const [index, line] of lines.entries()) {
    if (index === 0 && header !== undefined && OPTIONS.test(line)) continue;
    out.push(line);
    out.push(...(byLine.get(index) ?? []));
  }
  if (header !== undefined) out.unshift(header);
  return out.join('\n');
}

/** A diagnostic in the fixture's terms, for deep-equality against the markers. */
export function asExpected(d: Diagnostic, defaultSeverity: Severity): ExpectedDiagnostic {
  return {
    startLine: d.range.start.line,
    startCharacter: d.range.start.character,
    endLine: d.range.end.line,
    endCharacter: d.range.end.character,
    code: String(d.code),
    ...(d.severity !== defaultSeverity ? { severity: d.severity } : {}),
    message: d.message,
    ...(suggestionOf(d) !== undefined ? { suggestion: suggestionOf(d) } : {}),
  };
}

function suggestionOf(d: Diagnostic): string | undefined {
  const value = (d.data as { suggestion?: unknown } | undefined)?.suggestion;
  return value === undefined ? undefined : String(value);
}
