/**
 * A stand-in portal for the embedding tests: serves one page that frames the console given in
 * `?console=` and records what it says (`window.received`), with `window.sendToConsole(message)`
 * to talk back; it answers each `token-request` with a new token (`window.tokensIssued`). Run
 * on two ports: an allowed portal origin and a stranger.
 *   tsx e2e/portal-server.ts --port 4176
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4176' } } });
const port = Number(values.port);

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function portalPage(consoleUrl: string): string {
  const target = new URL(consoleUrl).origin;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title></head>
<body>
<h1>Portal</h1>
<iframe title="Fleet Update Console" src="${escapeAttribute(consoleUrl)}" style="width: 1200px; height: 700px; border: 0"></iframe>
<script>
  window.received = [];
  // The portal signs the console in: each token-request gets a new token.
  window.tokensIssued = 0;
  window.addEventListener('message', (event) => {
    window.received.push({ origin: event.origin, data: event.data });
    if (event.data && event.data.type === 'height') {
      document.querySelector('iframe').style.height = event.data.height + 'px';
    }
    if (event.data && event.data.type === 'token-request') {
      window.tokensIssued += 1;
      window.sendToConsole({ type: 'set-token', token: 'portal-token-' + window.tokensIssued });
    }
  });
  window.sendToConsole = (message) => {
    document.querySelector('iframe').contentWindow.postMessage(
      Object.assign({ protocol: 'fleet-update-console', version: 1 }, message),
      ${JSON.stringify(target)},
    );
  };
</script>
</body></html>`;
}

createServer((request, response) => {
  const url = new URL(request.url ?? '/', `http://localhost:${port}`);
  const consoleUrl = url.searchParams.get('console');
  if (!consoleUrl) {
    response.writeHead(url.pathname === '/' ? 200 : 404, { 'Content-Type': 'text/plain' });
    response.end('Portal stand-in: add ?console=<url of the console>');
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(portalPage(consoleUrl));
}).listen(port, 'localhost', () => {
  console.log(`Portal stand-in at http://localhost:${port}/`);
});
