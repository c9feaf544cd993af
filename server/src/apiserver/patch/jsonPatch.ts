import { clone, deepEqual } from '../../sim/util/clone';
import { isRecord } from '../../sim/util/record';
import { mergePatch } from '../../sim/util/mergePatch';
import { ApiFailure } from '../status';

export { mergePatch };

function invalidPatch(message: string): ApiFailure {
  return new ApiFailure(422, 'Invalid', message);
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/')))
    throw invalidPatch(`the server rejected our request due to an error in our request: invalid JSON pointer ${JSON.stringify(pointer)}`);
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
}

type Container = Record<string, unknown> | unknown[];

function parentOf(doc: unknown, tokens: string[], op: string): { parent: Container; key: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[token];
    else node = undefined;
    if (node === undefined)
      throw invalidPatch(
        `the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: "/${tokens.join('/')}": missing value`,
      );
  }
  if (!Array.isArray(node) && !isRecord(node))
    throw invalidPatch(
      `the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: "/${tokens.join('/')}": missing value`,
    );
  return { parent: node, key: tokens[tokens.length - 1] };
}

function get(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const t of tokens) node = Array.isArray(node) ? node[Number(t)] : isRecord(node) ? node[t] : undefined;
  return node;
}

function remove(doc: unknown, tokens: string[], op: string): unknown {
  const { parent, key } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length))
      throw invalidPatch(
        `the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: "/${tokens.join('/')}": missing value`,
      );
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent))
    throw invalidPatch(
      `the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: "/${tokens.join('/')}": missing value`,
    );
  const value = parent[key];
  delete parent[key];
  return value;
}

function add(doc: unknown, tokens: string[], value: unknown, replace: boolean): unknown {
  if (tokens.length === 0) return clone(value);
  const op = replace ? 'replace' : 'add';
  const { parent, key } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length))
      throw invalidPatch(`the server rejected our request due to an error in our request: ${op} operation does not apply: index out of bounds: ${key}`);
    if (replace) parent[i] = clone(value);
    else parent.splice(i, 0, clone(value));
  } else {
    if (replace && !(key in parent))
      throw invalidPatch(
        `the server rejected our request due to an error in our request: replace operation does not apply: doc is missing key: /${tokens.join('/')}: missing value`,
      );
    parent[key] = clone(value);
  }
  return doc;
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new ApiFailure(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(target);
  for (const operation of operations) {
    if (!isRecord(operation)) throw invalidPatch('the server rejected our request due to an error in our request: invalid operation');
    const path = parsePointer(operation.path);
    switch (operation.op) {
      case 'add':
        doc = add(doc, path, operation.value, false);
        break;
      case 'replace':
        doc = add(doc, path, operation.value, true);
        break;
      case 'remove':
        remove(doc, path, 'remove');
        break;
      case 'move': {
        const value = remove(doc, parsePointer(operation.from), 'move');
        doc = add(doc, path, value, false);
        break;
      }
      case 'copy':
        doc = add(doc, path, get(doc, parsePointer(operation.from)), false);
        break;
      case 'test':
        if (!deepEqual(get(doc, path), operation.value))
          throw invalidPatch(`the server rejected our request due to an error in our request: testing value /${path.join('/')} failed: test failed`);
        break;
      default:
        throw invalidPatch(`the server rejected our request due to an error in our request: Unexpected kind: ${String(operation.op)}`);
    }
  }
  return doc;
}
