/** `#logging` outside browser bundles: logging and hooks are always available. */
export { createLogging as loggingFor } from './logging.js';
