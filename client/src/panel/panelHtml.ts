/**
 * The cluster panel's HTML page: a strict Content Security Policy (scripts only with the page's
 * nonce, styles and images only from the extension's media folder), its stylesheets and one script.
 * The webview app (media/panel.js) builds everything else.
 */
import { randomFillSync } from 'node:crypto';

export interface PanelPageOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(media/panel.js)`. */
  scriptUri: string;
  /** `webview.asWebviewUri(…)` of each stylesheet (STYLESHEETS), in order. */
  styleUris: string[];
  nonce: string;
}

/** A fresh nonce: 32 characters from [A-Za-z0-9], from a cryptographic source. */
/** The panel's stylesheets in media/, in the order they are linked. */
export const STYLESHEETS = ['panel.css', 'panel-views.css', 'panel-details.css'];

export function createNonce(random: (bytes: Uint8Array) => Uint8Array = (b) => randomFillSync(b)): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = random(new Uint8Array(32));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `img-src ${cspSource} data:`].join('; ');
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function panelHtml(options: PanelPageOptions): string {
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${options.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n')}
<title>Simulated cluster</title>
</head>
<body>
<div id="app" data-testid="cluster-panel"><p class="loading" role="status">Loading the simulated cluster…</p></div>
<script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>`;
}
