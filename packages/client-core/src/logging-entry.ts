/**
 * `@apiforge/client-core/logging`: import it once for its effect to enable `logger`, `logLevel`,
 * `onRequest` and `onResponse` in a browser bundle. Outside browser bundles they are built in and this
 * import changes nothing.
 */
import { installLogging } from './logging-browser.js';
import { createLogging } from './logging.js';

installLogging(createLogging);

export { createLogging, type ConnectionLogging, type LoggingFactory } from './logging.js';
