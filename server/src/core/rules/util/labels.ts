import type { JsonPath } from '../../model/locate';
import { isRecord } from '../../model/resource';
import type { Problem } from '../check';
import { forbidden, invalidValue, requiredValue, tooLong } from './messages';
import { byteLength, isLabelKey, isLabelValue } from './names';
import { closest } from './suggest';
import { SELECTOR_OPERATORS } from './selectors';

/**
 * Label, annotation and label-selector validation shared by several checks, as the API server's
 * ValidateLabels, ValidateAnnotations and ValidateLabelSelector do it. The API server names the whole
 * map in these messages (`metadata.labels: Invalid value: "bad key": …`); the range points at the entry.
 */

type Report = (problem: Problem) => void;

/** Label keys and string values of a label map (metadata.labels, nodeSelector, matchLabels, Service selectors). */
export function checkLabelMap(report: Report, path: JsonPath, value: unknown): void {
  if (!isRecord(value)) return;
  for (const [key, v] of Object.entries(value)) {
    for (const msg of isLabelKey(key)) report({ path: [...path, key], target: 'key', message: invalidValue(path, key, msg) });
    if (typeof v === 'string') {
      for (const msg of isLabelValue(v)) report({ path: [...path, key], message: invalidValue(path, v, msg) });
    }
  }
}

/** Total size limit of an object's annotations (keys plus values). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Annotation keys (qualified names, case-insensitive) and the total size. */
export function checkAnnotations(report: Report, path: JsonPath, value: unknown): void {
  if (!isRecord(value)) return;
  let size = 0;
  for (const [key, v] of Object.entries(value)) {
    for (const msg of isLabelKey(key.toLowerCase())) report({ path: [...path, key], target: 'key', message: invalidValue(path, key, msg) });
    size += byteLength(key) + (typeof v === 'string' ? byteLength(v) : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) report({ path, target: 'key', message: tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT) });
}

/** True when every matchExpressions operator of the selector is one Kubernetes knows. */
export function hasValidOperators(selector: unknown): boolean {
  if (!isRecord(selector) || !Array.isArray(selector.matchExpressions)) return true;
  return selector.matchExpressions.every(
    (e) => !isRecord(e) || typeof e.operator !== 'string' || (SELECTOR_OPERATORS as readonly string[]).includes(e.operator),
  );
}

/** A metav1.LabelSelector: matchLabels, and matchExpressions keys, operators and values. */
export function checkLabelSelector(report: Report, path: JsonPath, value: unknown, isPatch: boolean): void {
  if (!isRecord(value)) return;
  checkLabelMap(report, [...path, 'matchLabels'], value.matchLabels);
  if (!Array.isArray(value.matchExpressions)) return;
  value.matchExpressions.forEach((expr, i) => {
    if (!isRecord(expr)) return;
    const exprPath = [...path, 'matchExpressions', i];
    const values = Array.isArray(expr.values) ? expr.values : [];
    const op = expr.operator;
    if (typeof op === 'string') {
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0 && !isPatch)
          report({
            path: [...exprPath, 'values'],
            target: 'key',
            message: requiredValue([...exprPath, 'values'], "must be specified when `operator` is 'In' or 'NotIn'"),
          });
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length > 0)
          report({
            path: [...exprPath, 'values'],
            target: 'key',
            message: forbidden([...exprPath, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          });
      } else {
        report({
          path: [...exprPath, 'operator'],
          message: invalidValue([...exprPath, 'operator'], op, 'not a valid selector operator'),
          suggestion: closest(op, SELECTOR_OPERATORS),
        });
      }
    }
    if (typeof expr.key === 'string') {
      for (const msg of isLabelKey(expr.key)) report({ path: [...exprPath, 'key'], message: invalidValue([...exprPath, 'key'], expr.key, msg) });
    }
    values.forEach((v, j) => {
      if (typeof v !== 'string') return;
      for (const msg of isLabelValue(v)) report({ path: [...exprPath, 'values', j], message: invalidValue([...exprPath, 'values', j], v, msg) });
    });
  });
}
