import type { WorkspaceModel } from './languageService';

/** The workspace index used by the server and the CLI (cross-resource checks). */
export function createWorkspaceModel(): WorkspaceModel | undefined {
  return undefined;
}
