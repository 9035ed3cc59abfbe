export * from './errors.js';
export * from './redact.js';
export * from './retry.js';
export * from './request.js';
export * from './pagination.js';
export * from './batcher.js';
export * from './encoding.js';
