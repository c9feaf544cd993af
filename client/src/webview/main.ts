/// <reference lib="dom" />
/** Entry point of the cluster panel's webview (bundled to media/panel.js). */
import { PanelApp } from './app/panelApp';

const root = document.getElementById('app');
if (root) new PanelApp(root).start();
