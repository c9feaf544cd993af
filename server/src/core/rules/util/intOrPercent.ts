import type { JsonPath } from '../../model/locate';
import type { Problem } from '../check';
import { invalidValue } from './messages';
import { isValidPercent } from './names';

type Report = (problem: Problem) => void;

/** `25%` → 25; undefined for anything that is not a valid percent string. */
export function percentValue(value: unknown): number | undefined {
  if (typeof value !== 'string' || isValidPercent(value).length > 0) return undefined;
  return Number(value.slice(0, -1));
}

/** The number an IntOrString stands for (an integer, or a percent's number), as the API server compares them. */
export function intOrPercentValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return percentValue(value);
}

/** ValidatePositiveIntOrPercent: a non-negative integer or a percent string. */
export function checkIntOrPercent(report: Report, path: JsonPath, value: unknown): void {
  if (typeof value === 'string') {
    for (const msg of isValidPercent(value)) report({ path, message: invalidValue(path, value, msg) });
  } else if (typeof value === 'number' && value < 0) {
    report({ path, message: invalidValue(path, value, 'must be greater than or equal to 0') });
  }
}

/** IsNotMoreThan100Percent. */
export function checkAtMost100Percent(report: Report, path: JsonPath, value: unknown): void {
  const percent = percentValue(value);
  if (percent !== undefined && percent > 100) report({ path, message: invalidValue(path, value, 'must not be greater than 100%') });
}

/** ValidateNonnegativeField for an optional integer field. */
export function checkNonNegative(report: Report, path: JsonPath, value: unknown): void {
  if (typeof value === 'number' && value < 0) report({ path, message: invalidValue(path, value, 'must be greater than or equal to 0') });
}
