import { apiNames, startSandbox, FAULTS, type SandboxOptions } from './index.js';

const USAGE = `Usage: pnpm sandbox <api> [--port N] [--host H] [--rate-limit-scale X] [--rate-limit-window-ms N] [--cursor-secret S] [--fault NAME ...]

APIs:   ${apiNames.join(', ')}
Faults: ${Object.keys(FAULTS).join(', ')}
Env:    PORT (default 4020), SANDBOX_RATE_LIMIT_SCALE, SANDBOX_FAULTS (comma-separated), SANDBOX_CURSOR_SECRET

Cursors are signed with a secret that is random per run unless --cursor-secret (or SANDBOX_CURSOR_SECRET)
gives one, so cursors from another run are refused. State lives in memory and is lost on exit.`;

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
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
