import { rmSync, writeFileSync } from 'node:fs';
import { availableApis, MockStartError, startMock } from './index.js';

const usage = () => `Usage: apiforge-mock <api> [--port N] [--host H] [--dynamic] [--seed S] [--errors] [--pid-file F]
       (in the apiforge repository: pnpm mock <api> ...)

Starts Prism on the spec of the installed @apiforge/<api>-openapi package, behind a thin front that decodes
gzip request bodies and answers NDJSON uploads from the spec (what the apiforge clients send by default).

  --port N     port to listen on (default 4010, or env PORT; 0 picks a free one)
  --host H     address to listen on (default 127.0.0.1)
  --dynamic    Prism's generated bodies instead of the spec's examples
  --seed S     seed for --dynamic, so generated bodies repeat from run to run
  --errors     Prism answers a request that violates the spec with an error instead of a warning
  --pid-file F written once the mock is ready, with the mock's own PID (stop it with kill "$(cat F)" even
               when started through npx, which does not pass signals on); removed when it stops

APIs: ${availableApis().join(', ')}
"ready" is printed only once the mock answers a documented request; a taken port or a Prism failure
exits non-zero with the reason, and the mock exits with Prism's exit code if Prism stops.
Then: curl -H 'Authorization: Bearer x' -H 'Prefer: code=429' http://127.0.0.1:4010/api/v1/issues`;

class UsageError extends Error {}

function parsePort(raw, label) {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(`${label} needs a port number (0-65535), got ${JSON.stringify(raw ?? '')}`);
  }
  return Number(raw);
}

function value(args, i, flag) {
  const next = args[i + 1];
  if (next === undefined || next.startsWith('-')) throw new UsageError(`${flag} needs a value`);
  return next;
}

export function parseArgs(argv, env) {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const options = { port: env.PORT ? parsePort(env.PORT, 'PORT') : 4010, host: '127.0.0.1', dynamic: false, errors: false };
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = () => (inline !== undefined ? inline : value(args, i++, flag));
    if (flag === '--port') options.port = parsePort(take(), '--port');
    else if (flag === '--host') {
      const host = take();
      if (!/^[\w.:-]+$/.test(host)) throw new UsageError(`--host needs an address or host name, got ${JSON.stringify(host)}`);
      options.host = host;
    } else if (flag === '--seed') options.seed = take();
    else if (flag === '--pid-file') options.pidFile = take();
    else if (flag === '--dynamic' || flag === '-d') options.dynamic = true;
    else if (flag === '--errors') options.errors = true;
    else if (flag === '-h' || flag === '--help') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? `One API at a time, got: ${positional.join(' ')}` : 'Name the API to mock.');
  const api = positional[0];
  const known = availableApis();
  if (!known.includes(api)) throw new UsageError(`Unknown API "${api}". Available: ${known.join(', ')}`);
  if (options.seed !== undefined && !options.dynamic) throw new UsageError('--seed only applies with --dynamic');
  return { api, ...options };
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
  const { pidFile, ...startOptions } = options;
  let mock;
  try {
    mock = await startMock({ ...startOptions, inheritOutput: true });
  } catch (error) {
    console.error(`mock: ${error.message}`);
    return error instanceof MockStartError ? error.exitCode : 1;
  }
  const removePidFile = () => pidFile && rmSync(pidFile, { force: true });
  // Signal handlers go in before the PID file and the ready line exist, so whoever reads either can stop
  // the mock at once; a second signal while stopping is ignored rather than killing us mid-cleanup.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void mock.close().then(() => {
      removePidFile();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (pidFile) {
    try {
      writeFileSync(pidFile, `${process.pid}\n`);
    } catch (error) {
      console.error(`mock: cannot write --pid-file ${pidFile}: ${error.message}`);
      stopping = true;
      await mock.close();
      return 1;
    }
  }
  console.log(`${options.api} Prism mock ready on ${mock.url}`);
  const code = await mock.exited;
  // Stopped by a signal: `stop` exits 0 once Prism is down; this is not Prism failing.
  if (stopping) return new Promise(() => {});
  console.error(`mock: Prism exited with code ${code}`);
  await mock.close();
  removePidFile();
  return code;
}
