import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterAction, ObjectRef } from '../protocol';
import { backUp } from './backups';

export const JOURNAL_FILE = 'cluster.journal';

/** One change to the cluster, as the user asked for it; replayed in order on top of the snapshot. */
export type JournalOp =
  { type: 'apply'; objects: unknown[] } | { type: 'delete'; ref: ObjectRef } | { type: 'action'; action: ClusterAction } | { type: 'reset' };

export interface JournalRecord {
  seq: number;
  /** Virtual time of the cluster (ms since its start) when the change was made. */
  time: number;
  op: JournalOp;
}

export interface JournalContents {
  records: JournalRecord[];
  /** Text after the last complete record (a write the crash interrupted; never acknowledged). */
  tornBytes: number;
  /** A damaged record before the end: replay stops there. */
  corrupt?: string;
}

/** Opens or creates files readable by the owner only: the cluster holds Secrets. */
export const PRIVATE_MODE = 0o600;

/** fsyncs a folder so that a rename or a new file in it survives a power loss (a no-op where unsupported). */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open folders; its renames are durable once they return.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The write-ahead journal of the simulated cluster: one JSON line per change, appended and fsync'd
 * before the change is acknowledged. The snapshot (`cluster.json`) records the sequence number it
 * includes; `compacted` then drops the records it covers. Restore = snapshot + the later records.
 */
export class ClusterJournal {
  readonly path: string;
  private fd: number | undefined;
  private seq = 0;
  /** Records not yet covered by a durable snapshot: what a compaction keeps. */
  private pending: { seq: number; line: string }[] = [];

  constructor(readonly dir: string) {
    this.path = join(dir, JOURNAL_FILE);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** The records after `afterSeq`. A torn last line is ignored; a damaged line before it ends the replay. */
  read(afterSeq: number): JournalContents {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornBytes: 0 };
      return { records: [], tornBytes: 0, corrupt: (err as Error).message };
    }
    const records: JournalRecord[] = [];
    const lines = text.split('\n');
    const last = lines.pop() as string; // after the final newline: empty unless a write was torn
    let tornBytes = Buffer.byteLength(last);
    for (let i = 0; i < lines.length; i++) {
      const record = parseRecord(lines[i]);
      if (typeof record === 'string') {
        // A damaged final line is a torn write, like a missing newline; anything earlier is corruption.
        if (i === lines.length - 1 && last === '') {
          tornBytes += Buffer.byteLength(lines[i]) + 1;
          break;
        }
        return { records, tornBytes, corrupt: `record ${i + 1}: ${record}` };
      }
      if (records.length > 0 && record.seq !== records[records.length - 1].seq + 1)
        return { records, tornBytes, corrupt: `record ${i + 1}: sequence ${record.seq} does not follow ${records[records.length - 1].seq}` };
      if (record.seq > afterSeq && records.length === 0 && record.seq !== afterSeq + 1)
        return { records, tornBytes, corrupt: `record ${i + 1}: sequence ${record.seq} does not follow the snapshot's ${afterSeq}` };
      if (record.seq > afterSeq) records.push(record);
      else if (records.length > 0) return { records, tornBytes, corrupt: `record ${i + 1}: sequence ${record.seq} out of order` };
    }
    return { records, tornBytes };
  }

  /** Keeps a copy of the journal as a numbered backup (before a damaged journal is rewritten). */
  backUp(): string {
    return backUp(this.path, true);
  }

  /** Starts appending after `records` (those not yet in the snapshot): rewrites the file to hold exactly them. */
  open(records: JournalRecord[], lastSeq: number): void {
    this.pending = records.map((r) => ({ seq: r.seq, line: JSON.stringify(r) }));
    this.seq = Math.max(lastSeq, records.length > 0 ? records[records.length - 1].seq : 0);
    this.rewrite();
  }

  /** Appends a change and waits until it is on disk. Throws when it cannot be written. */
  append(time: number, op: JournalOp, serializedOp = JSON.stringify(op)): number {
    if (this.fd === undefined) throw new Error('the journal is closed');
    const seq = this.seq + 1;
    const line = `{"seq":${seq},"time":${JSON.stringify(time)},"op":${serializedOp}}`;
    const bytes = Buffer.from(`${line}\n`);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    fdatasyncSync(this.fd);
    this.seq = seq;
    this.pending.push({ seq, line });
    return seq;
  }

  /** A snapshot including every record up to `seq` is durable: those records are dropped from the journal. */
  compacted(seq: number): void {
    if (this.fd === undefined) return;
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => p.seq > seq);
    if (this.pending.length !== before) this.rewrite();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Atomically replaces the journal with the pending records and reopens it for appending. */
  private rewrite(): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', PRIVATE_MODE);
    try {
      const text = this.pending.map((p) => `${p.line}\n`).join('');
      if (text) writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
    syncFolder(this.dir);
    this.close();
    this.fd = openSync(this.path, 'a', PRIVATE_MODE);
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRecord(line: string): JournalRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return (err as Error).message;
  }
  if (typeof value !== 'object' || value === null) return 'not an object';
  const r = value as Partial<JournalRecord>;
  if (typeof r.seq !== 'number' || !Number.isInteger(r.seq) || r.seq < 1) return 'no sequence number';
  if (typeof r.time !== 'number' || !Number.isFinite(r.time) || r.time < 0) return 'no time';
  const op = r.op as Partial<JournalOp> | undefined;
  if (typeof op !== 'object' || op === null) return 'no change';
  switch (op.type) {
    case 'apply':
      return Array.isArray((op as { objects?: unknown }).objects) ? (r as JournalRecord) : 'apply without objects';
    case 'delete':
      return isObject((op as { ref?: unknown }).ref) ? (r as JournalRecord) : 'delete without an object reference';
    case 'action':
      return isObject((op as { action?: unknown }).action) ? (r as JournalRecord) : 'action without a description';
    case 'reset':
      return r as JournalRecord;
    default:
      return `unknown change ${JSON.stringify(op.type)}`;
  }
}
