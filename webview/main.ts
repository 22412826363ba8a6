import { PROTOCOL_VERSION } from '../src/shared/protocol';
import { connectToVsCode } from './vscodeApi';

/** Entry point of the webview app: handshake first, then render what the host sends. */
const host = connectToVsCode();
const root = document.getElementById('app');

host.onMessage((message) => {
  if (!root) return;
  if (message.kind === 'snapshot' || (message.kind === 'notify' && message.name === 'status')) {
    const status = message.kind === 'snapshot' ? message.snapshot.status : message.payload.status;
    const line = document.createElement('p');
    line.className = 'status';
    // Text only: nothing the host relays from a transcript is ever parsed as HTML.
    line.textContent = status;
    root.replaceChildren(line);
  }
});

host.post({ kind: 'ready', protocolVersion: PROTOCOL_VERSION });
