import type { KObject } from '../../sim/types';
import { clone, deepEqual } from '../../sim/util/clone';
import { loadDefinitions } from '../definitions';
import type { ResourceInfo } from '../registry';
import { groupVersion } from '../registry';
import { ApiFailure, type StatusCause } from '../status';
import { schemaOfKind } from '../strict';
import { strategicMerge } from './strategic';
import { displayPath, fromFieldsV1, leafPaths, pathKey, removeAt, toFieldsV1, valueAt, type FieldPath } from './fieldSets';

/** metadata.managedFields: who set which field (server-side apply ownership and conflicts). */

export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

interface Owned {
  entry: Omit<ManagedEntry, 'fieldsV1' | 'fieldsType'>;
  paths: Map<string, FieldPath>;
}

function ownedOf(obj: KObject | undefined): Owned[] {
  const list = (obj?.metadata.managedFields ?? []) as ManagedEntry[];
  if (!Array.isArray(list)) return [];
  return list.map(({ fieldsV1, fieldsType: _type, ...entry }) => ({ entry, paths: new Map(fromFieldsV1(fieldsV1).map((p) => [pathKey(p), p])) }));
}

function store(obj: KObject, owned: Owned[]): void {
  const entries = owned
    .filter((o) => o.paths.size > 0)
    .map((o) => ({ ...o.entry, fieldsType: 'FieldsV1' as const, fieldsV1: toFieldsV1([...o.paths.values()]) }));
  if (entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

function schemaFor(info: ResourceInfo) {
  const defs = loadDefinitions();
  return { defs, schema: defs ? schemaOfKind(defs, info.group, info.version, info.kind) : undefined };
}

function entryFor(owned: Owned[], manager: string, operation: 'Apply' | 'Update', apiVersion: string, time: string): Owned {
  let found = owned.find((o) => o.entry.manager === manager && o.entry.operation === operation);
  if (!found) {
    found = { entry: { manager, operation, apiVersion, time }, paths: new Map() };
    owned.push(found);
  }
  found.entry.time = time;
  found.entry.apiVersion = apiVersion;
  return found;
}

/** A create, update or patch by `manager`: it owns the fields it changed; fields that are gone are owned by nobody. */
export function recordUpdate(info: ResourceInfo, old: KObject | undefined, next: KObject, manager: string, time: string): void {
  const { defs, schema } = schemaFor(info);
  const owned = ownedOf(old);
  const present = leafPaths(defs, schema, next);
  const presentKeys = new Set(present.map(pathKey));
  for (const o of owned) for (const key of [...o.paths.keys()]) if (!presentKeys.has(key)) o.paths.delete(key);
  const changed = present.filter((p) => !old || !deepEqual(valueAt(old, p), valueAt(next, p)));
  if (changed.length > 0) {
    for (const o of owned) for (const p of changed) o.paths.delete(pathKey(p));
    const mine = entryFor(owned, manager, 'Update', groupVersion(info), time);
    for (const p of changed) mine.paths.set(pathKey(p), p);
  }
  store(next, owned);
}

/**
 * Server-side apply of `applied` by `manager`: the fields it sets are merged into the live object; a
 * field another manager set to a different value is a conflict (409) unless `force`; fields this
 * manager applied before and no longer sets are removed when nobody else owns them.
 */
export function applyWithOwnership(info: ResourceInfo, live: KObject | undefined, applied: KObject, manager: string, force: boolean, time: string): KObject {
  const { defs, schema } = schemaFor(info);
  const owned = ownedOf(live);
  const paths = leafPaths(defs, schema, applied);
  const conflicts: { manager: string; apiVersion: string; path: FieldPath }[] = [];
  for (const p of paths) {
    const key = pathKey(p);
    for (const o of owned) {
      if (o.entry.manager === manager && o.entry.operation === 'Apply') continue;
      if (!o.paths.has(key) || deepEqual(valueAt(live, p), valueAt(applied, p))) continue;
      if (force) o.paths.delete(key);
      else conflicts.push({ manager: o.entry.manager, apiVersion: o.entry.apiVersion, path: p });
    }
  }
  if (conflicts.length > 0) throw conflictFailure(info, applied.metadata.name, conflicts);
  const merged = (live ? strategicMerge(defs, schema, clone(live), applied) : clone(applied)) as KObject;
  const mine = entryFor(owned, manager, 'Apply', groupVersion(info), time);
  const keep = new Set(paths.map(pathKey));
  for (const [key, p] of mine.paths) {
    if (keep.has(key)) continue;
    if (!owned.some((o) => o !== mine && o.paths.has(key))) removeAt(merged, p);
  }
  mine.paths = new Map(paths.map((p) => [pathKey(p), p]));
  // Fields set to the same value stay shared with their other managers, as the API server does.
  store(merged, owned);
  return merged;
}

function conflictFailure(info: ResourceInfo, name: string, conflicts: { manager: string; apiVersion: string; path: FieldPath }[]): ApiFailure {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${c.manager}" using ${c.apiVersion}`,
    field: displayPath(c.path),
  }));
  let message: string;
  if (conflicts.length === 1)
    message = `Apply failed with 1 conflict: conflict with "${conflicts[0].manager}" using ${conflicts[0].apiVersion}: ${displayPath(conflicts[0].path)}`;
  else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts)
      byManager.set(`"${c.manager}" using ${c.apiVersion}`, [...(byManager.get(`"${c.manager}" using ${c.apiVersion}`) ?? []), displayPath(c.path)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${[...byManager].map(([who, fields]) => `conflicts with ${who}:\n${fields.map((f) => `- ${f}`).join('\n')}`).join('\n')}`;
  }
  return new ApiFailure(409, 'Conflict', message, { name, group: info.group || undefined, kind: info.resource, causes });
}
