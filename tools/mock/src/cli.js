import { availableApis, startMock } from './index.js';

const usage = () => `Usage: pnpm mock <api> [--port N] [--dynamic]

Starts Prism on packages/<api>-openapi/dist/openapi.yaml at 127.0.0.1.
APIs: ${availableApis().join(', ')}
Env:  PORT (default 4010)
Then: curl -H 'Authorization: Bearer x' -H 'Prefer: code=429' http://127.0.0.1:4010/api/v1/issues`;

class UsageError extends Error {}

function parsePort(raw, label) {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(`${label} needs a port number (0-65535), got ${JSON.stringify(raw ?? '')}`);
  }
  return Number(raw);
}

export function parseArgs(argv, env) {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let port = env.PORT ? parsePort(env.PORT, 'PORT') : 4010;
  let dynamic = false;
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--port') port = parsePort(args[++i], '--port');
    else if (arg.startsWith('--port=')) port = parsePort(arg.slice('--port='.length), '--port');
    else if (arg === '--dynamic') dynamic = true;
    else if (arg === '-h' || arg === '--help') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? `One API at a time, got: ${positional.join(' ')}` : 'Name the API to mock.');
  const api = positional[0];
  const known = availableApis();
  if (!known.includes(api)) throw new UsageError(`Unknown API "${api}". Available: ${known.join(', ')}`);
  return { api, port, dynamic };
}

export async function main(argv, env = process.env) {
  let options;
  try {
    options = parseArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`mock: ${error.message}\n`);
    console.error(usage());
    return error.message ? 2 : 0;
  }
  const mock = await startMock({ ...options, inheritOutput: true });
  console.log(`${options.api} Prism mock ready on ${mock.url}`);
  const stop = () => mock.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
