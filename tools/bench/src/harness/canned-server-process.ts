// Child process of startCannedServer. argv: <responder module path> <options JSON>. Prints its URL.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

type Responder = (url: URL) => string | undefined;

const [modulePath, optionsJson] = process.argv.slice(2);
if (!modulePath) throw new Error('usage: canned-server-process <responder module> [options JSON]');
const module = (await import(pathToFileURL(modulePath).href)) as { createResponder?: (options: unknown) => Responder };
if (typeof module.createResponder !== 'function') throw new Error(`${modulePath} does not export createResponder`);
const respond = module.createResponder(JSON.parse(optionsJson ?? '{}'));

const server = createServer((req, res) => {
  const body = respond(new URL(req.url ?? '/', 'http://bench.local'));
  if (body === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"Not found"}');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
// Both sides reuse connections for the whole run; a short timeout would add reconnects to whichever side was slower.
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
