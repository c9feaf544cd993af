/**
 * A small YAML writer for showing live objects (block style, two-space indent, like `kubectl get -o
 * yaml`). Strings that YAML would read as something else are double-quoted.
 */

/** Plain scalars YAML 1.1 or 1.2 would read as booleans, null, numbers (sexagesimal too), timestamps or merge keys. */
const AMBIGUOUS =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|<<|=|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|[-+]?0x[0-9a-fA-F_]+|0o[0-7]+|[-+]?0b[01_]+|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.[\d_]*)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$/;

function needsQuotes(text: string): boolean {
  if (text === '') return true;
  if (AMBIGUOUS.test(text)) return true;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/^-[^\s]/.test(text)) return true;
  if (/^-\s/.test(text) || text === '-') return true;
  if (/\s$/.test(text) || /: |\s#|[\n\r\t]/.test(text) || text.endsWith(':')) return true;
  return /[\u0000-\u001f\u007f]/.test(text);
}

export function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  return needsQuotes(text) ? JSON.stringify(text) : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const keyText = (key: string): string => (needsQuotes(key) ? JSON.stringify(key) : key);

function lines(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if ((isRecord(item) && Object.keys(item).length > 0) || (Array.isArray(item) && item.length > 0)) {
        const nested: string[] = [];
        lines(item, `${indent}  `, nested);
        // The first line of the item goes after "- ".
        out.push(`${indent}- ${nested[0].slice(indent.length + 2)}`, ...nested.slice(1));
      } else out.push(`${indent}- ${inline(item)}`);
    }
    return;
  }
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (isRecord(item) && Object.keys(item).length > 0) {
        out.push(`${indent}${keyText(key)}:`);
        lines(item, `${indent}  `, out);
      } else if (Array.isArray(item) && item.length > 0) {
        out.push(`${indent}${keyText(key)}:`);
        lines(item, indent, out);
      } else out.push(`${indent}${keyText(key)}: ${inline(item)}`);
    }
    return;
  }
  out.push(`${indent}${scalar(value)}`);
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (isRecord(value)) return '{}';
  return scalar(value);
}

/** The YAML text of a JSON value. */
export function toYaml(value: unknown): string {
  if (!isRecord(value) && !Array.isArray(value)) return `${scalar(value)}\n`;
  const out: string[] = [];
  lines(value, '', out);
  return `${out.join('\n')}\n`;
}
