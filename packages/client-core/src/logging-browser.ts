/**
 * `#logging` in browser bundles: logging and the onRequest/onResponse hooks cost about 0.7 kB min+gzip,
 * which a page that never logs should not ship. `import '@apiforge/client-core/logging'` (or a client's
 * `/logging` entry) installs them; asking for them without it is a clear error, never silence.
 */
import type { LoggingFactory } from './logging.js';

let installed: LoggingFactory | undefined;

/** Called by the `@apiforge/client-core/logging` entry. */
export function installLogging(factory: LoggingFactory): void {
  installed = factory;
}

export const loggingFor: LoggingFactory = (definition, options, env) => {
  if (installed) return installed(definition, options, env);
  if ((options.logLevel ?? 'off') === 'off' && !options.logger && !options.onRequest && !options.onResponse) return undefined;
  throw new TypeError(`${definition.name}: logger, logLevel, onRequest and onResponse need \`import '${definition.package ?? '@apiforge/client-core'}/logging'\` in a browser bundle.`);
};
