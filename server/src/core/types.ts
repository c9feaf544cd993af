/**
 * Transport-free value types shared by the language core, the CLI and the simulator.
 * Positions and ranges are 0-based and have the same shape as LSP's, so the server
 * can pass them through without conversion, but nothing here imports LSP.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** The rule id, e.g. `schema`, `invalid-value`, `selector-mismatch`. A contract: never rename. */
  code: string;
  message: string;
  source: 'shipshape';
  related?: RelatedLocation[];
  /** Machine-readable payload for quick fixes (e.g. the suggested replacement). */
  data?: DiagnosticData;
}

export interface DiagnosticData {
  /** A replacement text suggested by the check ("did you mean"). */
  suggestion?: string;
  /** The JSON path of the offending node inside its document. */
  path?: (string | number)[];
  /** Index of the YAML document inside the file. */
  documentIndex?: number;
  [key: string]: unknown;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function rangeContains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}
