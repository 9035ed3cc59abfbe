/**
 * `#combine-signals` outside browser bundles. Node's own AbortSignal.any has leaked listeners on
 * long-lived input signals in some Node 20 releases, so the combination is done here with weak references.
 */

/**
 * An AbortSignal that aborts when any input does; undefined when there is none.
 * Inputs may be long-lived (a client-wide shutdown signal combined per request),
 * so the combined signal is only weakly referenced from their listeners, and the
 * listeners are removed once it is garbage-collected: no per-request leak.
 */
export function combineSignals(signals: ReadonlyArray<AbortSignal | null | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => !!signal);
  if (present.length <= 1) return present[0];
  const aborted = present.find((signal) => signal.aborted);
  if (aborted) return AbortSignal.abort(aborted.reason);
  const controller = new AbortController();
  const combined = controller.signal;
  // The combined signal keeps its controller alive; listeners only hold it weakly.
  Object.defineProperty(combined, CONTROLLER, { value: controller });
  const target = weakRefTo(controller);
  for (const source of present) linkAbort(source, combined, target);
  return combined;
}

/** Separate function so the listener closures capture nothing but their arguments. */
function linkAbort(source: AbortSignal, combined: AbortSignal, target: { deref(): AbortController | undefined }): void {
  const listener = () => target.deref()?.abort(source.reason);
  source.addEventListener('abort', listener, { once: true });
  combined.addEventListener('abort', () => source.removeEventListener('abort', listener), { once: true });
  signalCleanup()?.register(combined, { source, listener });
}

function weakRefTo(controller: AbortController): { deref(): AbortController | undefined } {
  return typeof WeakRef === 'function' ? new WeakRef(controller) : { deref: () => controller };
}

const CONTROLLER = Symbol('apiforge.abortController');

interface ListenerRegistration {
  source: AbortSignal;
  listener: () => void;
}

let cleanupRegistry: FinalizationRegistry<ListenerRegistration> | undefined;

function signalCleanup(): FinalizationRegistry<ListenerRegistration> | undefined {
  if (typeof FinalizationRegistry !== 'function') return undefined;
  cleanupRegistry ??= new FinalizationRegistry(({ source, listener }) => source.removeEventListener('abort', listener));
  return cleanupRegistry;
}
