#!/usr/bin/env node
// From a client package: rewrites README example blocks from examples/*.ts (the tests fail while they differ).
import { syncReadmeExamples } from '../src/readme-examples.mjs';

console.log(syncReadmeExamples(process.cwd()) ? 'README examples updated' : 'README examples already match examples/*.ts');
