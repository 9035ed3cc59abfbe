// A sandbox in its own process, so the suite can measure its memory apart from the test runner's.
// argv[2]: JSON startSandbox options. IPC: sends {type:'ready',url}, answers {type:'memory'} with
// process.memoryUsage() (after a GC when asked and --expose-gc is on), {type:'close'} closes and exits.
import { startSandbox } from '@apiforge/sandbox';

const options = JSON.parse(process.argv[2] ?? '{}');
const sandbox = await startSandbox(options);
process.send?.({ type: 'ready', url: sandbox.url, port: sandbox.port });

process.on('message', (message) => {
  if (message?.type === 'memory') {
    if (message.gc && typeof globalThis.gc === 'function') globalThis.gc();
    process.send?.({ type: 'memory', id: message.id, usage: process.memoryUsage() });
  } else if (message?.type === 'close') {
    sandbox.close().finally(() => process.exit(0));
  }
});
// The runner went away: never outlive it.
process.on('disconnect', () => process.exit(0));
