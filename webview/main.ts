import { TimelineApp } from './app';
import { connectToVsCode } from './vscodeApi';

/** Entry point of the webview app: build the app, then the ready handshake. */
const root = document.getElementById('app');
if (root) new TimelineApp(connectToVsCode(), root).start();
