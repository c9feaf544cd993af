/**
 * The editor features of one LanguageService, transport-free: every request reads the file the
 * service already parsed for the current version (nothing is parsed again here).
 */
import type { LanguageService } from '../service/languageService';
import type { Diagnostic, Position, Range } from '../types';
import { schemaDocsFor, serviceEnvironment, serviceLookup } from './adapters/environment';
import { codeActions } from './codeActions/codeActions';
import { complete } from './completion/complete';
import type { CompletionOptions } from './completion/scope';
import { hover } from './hover/hover';
import { definition } from './navigation/definition';
import { findReferences } from './navigation/findReferences';
import { documentSymbols, workspaceSymbols } from './navigation/symbols';
import type { FeatureEnvironment, SchemaDocs, WorkspaceLookup } from './ports';
import type { FeatureRequest } from './request';
import type { CodeActionEntry, CompletionEntry, HoverResult, Location, SymbolEntry, WorkspaceSymbolEntry } from './types';

export class EditorFeatures {
  readonly env: FeatureEnvironment;

  constructor(
    private readonly service: LanguageService,
    options: { schema?: SchemaDocs; workspace?: WorkspaceLookup } = {},
  ) {
    this.env = serviceEnvironment(service, options.schema ?? schemaDocsFor(service), options.workspace ?? serviceLookup(service));
  }

  request(uri: string): FeatureRequest | undefined {
    const state = this.service.get(uri);
    return state ? { file: state.file, resources: state.resources, role: state.role, env: this.env } : undefined;
  }

  completion(uri: string, position: Position, options: CompletionOptions): CompletionEntry[] {
    const req = this.request(uri);
    return req ? complete(req, position, options) : [];
  }

  hover(uri: string, position: Position): HoverResult | undefined {
    const req = this.request(uri);
    return req ? hover(req, position) : undefined;
  }

  codeActions(uri: string, range: Range, diagnostics: readonly Diagnostic[]): CodeActionEntry[] {
    const req = this.request(uri);
    return req ? codeActions(req, range, diagnostics) : [];
  }

  definition(uri: string, position: Position): Location[] {
    const req = this.request(uri);
    return req ? definition(req, position) : [];
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Location[] {
    const req = this.request(uri);
    return req ? findReferences(req, position, includeDeclaration) : [];
  }

  documentSymbols(uri: string): SymbolEntry[] {
    const req = this.request(uri);
    return req ? documentSymbols(req) : [];
  }

  workspaceSymbols(query: string): WorkspaceSymbolEntry[] {
    return workspaceSymbols(this.env.workspace, query);
  }
}
