/**
 * How a file is treated: Helm templates are not plain YAML (no diagnostics), Kustomize patches are
 * partial objects (no required-field errors). Decided from the path, the text and the workspace.
 */
export interface FileRole {
  helmTemplate: boolean;
  kustomizePatch: boolean;
  /** Namespace given by a kustomization.yaml that includes this file, if any. */
  kustomizeNamespace?: string;
}

export const PLAIN_FILE: FileRole = { helmTemplate: false, kustomizePatch: false };

/** Helm chart templates: `{{ }}` in a file under a templates/ folder (or any .tpl). */
export function looksLikeHelmTemplate(uriOrPath: string, text: string): boolean {
  if (!text.includes('{{')) return false;
  const p = uriOrPath.replace(/\\/g, '/');
  return /\/templates\//.test(p) || p.endsWith('.tpl') || /\{\{-?\s*(\.Values|\.Release|\.Chart|include|template|define)\b/.test(text);
}

/** Files that can hold Kubernetes documents at all. */
export function mentionsKubernetes(text: string): boolean {
  // Block style at a line start, or flow/JSON style after an opening brace or a comma.
  return /(^|[{,])[ \t]*["']?(apiVersion|kind)["']?[ \t]*:/m.test(text);
}
