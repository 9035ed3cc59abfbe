import { apiNames, startSandbox, FAULTS, type SandboxOptions } from './index.js';

const USAGE = `Usage: pnpm sandbox <api> [--port N] [--host H] [--rate-limit-scale X] [--rate-limit-window-ms N] [--cursor-secret S]
                     [--control-token T] [--request-timeout-ms N] [--headers-timeout-ms N] [--max-connections N]
                     [--shutdown-grace-ms N] [--fault NAME ...]

APIs:   ${apiNames.join(', ')}
Faults: ${Object.keys(FAULTS).join(', ')}
Env:    PORT (default 4020), SANDBOX_RATE_LIMIT_SCALE, SANDBOX_FAULTS (comma-separated), SANDBOX_CURSOR_SECRET,
        SANDBOX_CONTROL_TOKEN

Defaults: --request-timeout-ms 30000 (408 after), --headers-timeout-ms 10000, --max-connections 256,
--shutdown-grace-ms 10000 (SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then exit).
/_sandbox/* control routes answer loopback Host names only, refuse cross-site and form/text POSTs, and on a
non-loopback --host need X-Sandbox-Control-Token (random per run and printed, unless --control-token gives one).

Cursors are signed with a secret that is random per run unless --cursor-secret (or SANDBOX_CURSOR_SECRET)
gives one, so cursors from another run are refused.
State (records, sessions, ingested data, rate-limit windows) lives in memory only and is lost on exit.`;

export class UsageError extends Error {}

function number(flag: string, raw: string | undefined, integer: boolean): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} needs ${integer ? 'a non-negative integer' : 'a non-negative number'}, got ${JSON.stringify(raw ?? '')}`);
  }
  return value;
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): SandboxOptions {
  const args = [...argv];
  if (args[0] === '--') args.shift();
  const positional: string[] = [];
  const faults: string[] = (env['SANDBOX_FAULTS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  let port = env['PORT'] !== undefined && env['PORT'] !== '' ? number('PORT', env['PORT'], true) : 4020;
  let host = '127.0.0.1';
  let rateLimitScale = env['SANDBOX_RATE_LIMIT_SCALE'] ? number('SANDBOX_RATE_LIMIT_SCALE', env['SANDBOX_RATE_LIMIT_SCALE'], false) : undefined;
  let rateLimitWindowMs: number | undefined;
  let cursorSecret = env['SANDBOX_CURSOR_SECRET'] || undefined;
  let controlToken = env['SANDBOX_CONTROL_TOKEN'] || undefined;
  const limits: Pick<SandboxOptions, 'requestTimeoutMs' | 'headersTimeoutMs' | 'maxConnections' | 'shutdownGraceMs'> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--port':
        port = number('--port', value(), true);
        break;
      case '--host':
        host = value() ?? '';
        if (!host) throw new UsageError('--host needs a value');
        break;
      case '--rate-limit-scale':
        rateLimitScale = number('--rate-limit-scale', value(), false);
        break;
      case '--rate-limit-window-ms':
        rateLimitWindowMs = number('--rate-limit-window-ms', value(), true);
        break;
      case '--cursor-secret':
        cursorSecret = value();
        if (!cursorSecret || cursorSecret.length < 16) throw new UsageError('--cursor-secret needs a secret of at least 16 characters');
        break;
      case '--control-token':
        controlToken = value();
        if (!controlToken || controlToken.length < 16) throw new UsageError('--control-token needs a token of at least 16 characters');
        break;
      case '--request-timeout-ms':
        limits.requestTimeoutMs = number('--request-timeout-ms', value(), true);
        break;
      case '--headers-timeout-ms':
        limits.headersTimeoutMs = number('--headers-timeout-ms', value(), true);
        break;
      case '--max-connections':
        limits.maxConnections = number('--max-connections', value(), true);
        if (limits.maxConnections < 1) throw new UsageError('--max-connections must be at least 1');
        break;
      case '--shutdown-grace-ms':
        limits.shutdownGraceMs = number('--shutdown-grace-ms', value(), true);
        break;
      case '--fault': {
        const name = value();
        if (!name) throw new UsageError('--fault needs a name');
        faults.push(...name.split(','));
        break;
      }
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? 'Name the API to serve.' : `One API at a time, got: ${positional.join(' ')}`);
  const api = positional[0]!;
  if (!apiNames.includes(api)) throw new UsageError(`Unknown API "${api}". Available: ${apiNames.join(', ')}`);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  for (const fault of faults) if (!(fault in FAULTS)) throw new UsageError(`Unknown fault "${fault}". Known: ${Object.keys(FAULTS).join(', ')}`);
  return {
    api,
    port,
    host,
    faults,
    ...(rateLimitScale !== undefined ? { rateLimitScale } : {}),
    ...(rateLimitWindowMs !== undefined ? { rateLimitWindowMs } : {}),
    ...(cursorSecret !== undefined ? { cursorSecret } : {}),
    ...(controlToken !== undefined ? { controlToken } : {}),
    ...limits,
  };
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: SandboxOptions;
  try {
    options = parseArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`sandbox: ${error.message}\n`);
    console.error(USAGE);
    return error.message ? 2 : 0;
  }
  const sandbox = await startSandbox(options);
  const extras = [
    options.faults?.length ? `faults: ${options.faults.join(', ')}` : '',
    options.rateLimitScale !== undefined ? `rate-limit scale ${options.rateLimitScale}` : '',
  ].filter(Boolean);
  console.log(`${options.api} sandbox listening on ${sandbox.url}${extras.length ? ` (${extras.join('; ')})` : ''}`);
  if (sandbox.controlToken !== undefined && options.controlToken === undefined) {
    console.log(`control routes (/_sandbox/*) need the header X-Sandbox-Control-Token: ${sandbox.controlToken}`);
  }
  console.log('state lives in memory only and is lost when the sandbox stops');
  let stopping = false;
  const stop = (): void => {
    // A second signal exits at once.
    if (stopping) process.exit(1);
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1;
}
