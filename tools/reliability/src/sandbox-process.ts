import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SandboxProcessOptions {
  api: string;
  rateLimitScale?: number;
  rateLimitWindowMs?: number;
  faults?: string[];
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  maxConnections?: number;
  shutdownGraceMs?: number;
  controlToken?: string;
}

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface SandboxProcess {
  url: string;
  pid: number;
  /** Everything the sandbox wrote to stderr (e.g. "[sandbox] handler failed" before a 500). */
  stderr(): string;
  /** Resident set size in bytes, read from /proc (works while the process is busy) or over IPC. */
  rss(): Promise<number>;
  /** process.memoryUsage() of the sandbox, optionally after a full GC. */
  memory(options?: { gc?: boolean }): Promise<MemoryUsage>;
  /** True while the process is alive. */
  alive(): boolean;
  close(): Promise<void>;
}

const entry = fileURLToPath(new URL('../child/sandbox-process.mjs', import.meta.url));

function rssFromProc(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `startSandbox(options)` in a child process on 127.0.0.1, port 0. */
export async function startSandboxProcess(options: SandboxProcessOptions): Promise<SandboxProcess> {
  const child: ChildProcess = fork(entry, [JSON.stringify({ ...options, port: 0, host: '127.0.0.1' })], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox ${options.api} did not start in 30 s:\n${stderr}`)), 30_000);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox ${options.api} exited with ${code}:\n${stderr}`));
    });
  });

  let nextId = 0;
  const memory = (opts: { gc?: boolean } = {}): Promise<MemoryUsage> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error('sandbox process did not report its memory within 10 s'));
      }, 10_000);
      const onMessage = (message: { type?: string; id?: number; usage?: MemoryUsage }): void => {
        if (message.type !== 'memory' || message.id !== id || !message.usage) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message.usage);
      };
      child.on('message', onMessage);
      child.send({ type: 'memory', id, gc: opts.gc === true });
    });

  const pid = child.pid!;
  return {
    url,
    pid,
    stderr: () => stderr,
    rss: async () => rssFromProc(pid) ?? (await memory()).rss,
    memory,
    alive: () => child.exitCode === null && child.signalCode === null,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: 'close' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
