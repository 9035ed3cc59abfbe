// A child process started by the release check: waits for a line that says it is ready, keeps the tail of
// its output, and is stopped by its own PID (SIGTERM, then SIGKILL after 5 s).
import { spawn } from 'node:child_process';

/** Stops a child by its PID: SIGTERM, then SIGKILL if it has not exited after 5 s. */
export function stopperFor(child, exited) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(child.pid, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!stopped) {
      process.kill(child.pid, 'SIGKILL');
      await exited;
    }
  };
}

export function startProcess(command, args, { cwd, env = process.env, ready, timeoutMs = 30_000 }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const close = stopperFor(child, exited);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(async () => {
      await close();
      reject(new Error(`${command} ${args.join(' ')} was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output = (output + chunk).slice(-20_000);
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ pid: child.pid, match, close, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it was ready:\n${output}`));
    });
  });
}
