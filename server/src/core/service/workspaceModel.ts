import { WorkspaceIndex } from '../workspace/workspaceIndex';

/** The workspace index used by the server and the CLI (cross-resource checks, navigation, completion). */
export function createWorkspaceModel(): WorkspaceIndex {
  return new WorkspaceIndex();
}
