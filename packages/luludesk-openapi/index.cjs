'use strict';
// CommonJS entry (require('@apiforge/luludesk-openapi')), the same exports as index.js. Paths to the raw files:
// '@apiforge/luludesk-openapi/openapi.json' and '@apiforge/luludesk-openapi/openapi.yaml'.
const { readFileSync } = require('node:fs');
const { pathToFileURL } = require('node:url');

Object.defineProperty(exports, '__esModule', { value: true });
exports.specPath = new URL('./dist/openapi.json', pathToFileURL(__filename));
exports.spec = JSON.parse(readFileSync(exports.specPath, 'utf8'));
exports.default = exports.spec;
