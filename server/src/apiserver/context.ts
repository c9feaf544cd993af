import type { Cluster } from '../sim/cluster';
import type { ObjectValidator } from '../sim/store/validation';
import type { KObject } from '../sim/types';
import type { WatchHub, WatchType } from './watch';

/** What request handlers work with. */

export interface Identity {
  user: string;
  groups: string[];
}

export interface RequestContext {
  cluster: Cluster;
  hub: WatchHub;
  validator?: ObjectValidator;
  openapi: OpenApiSource;
  method: string;
  query: URLSearchParams;
  accept?: string;
  contentType?: string;
  body?: Buffer;
  identity: Identity;
  userAgent?: string;
  /** Warnings returned in `Warning: 299 - "…"` headers. */
  warnings: string[];
}

export type JsonResponse = { kind: 'json'; code: number; body: unknown };
export type TextResponse = { kind: 'text'; code: number; text: string; contentType: string };

/** A long-running watch: the server calls `start` with the stream it writes events to. */
export interface WatchStream {
  event(type: WatchType | 'BOOKMARK' | 'ERROR', object: unknown): void;
  /** Writes an already encoded event line (shared between watchers of the same change). */
  line(text: string): void;
  end(): void;
  onClose(listener: () => void): void;
}

export type WatchResponse = { kind: 'watch'; start(stream: WatchStream): void };

export type ApiResponse = JsonResponse | TextResponse | WatchResponse;

export function json(code: number, body: unknown): JsonResponse {
  return { kind: 'json', code, body };
}

export type Served = (obj: KObject) => unknown;

/**
 * OpenAPI documents: v3 per group version (what kubectl reads for validation, `explain` and apply)
 * and v2 as JSON, generated from the published definitions.
 */
export interface OpenApiSource {
  v2(accept: string | undefined): ApiResponse;
  v3Index(): unknown;
  v3GroupVersion(group: string, version: string): unknown;
}
