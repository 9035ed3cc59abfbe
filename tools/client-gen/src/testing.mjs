// Test helpers every client package uses: README examples kept equal to examples/*.ts, and type checks
// of code against the built package.
export { readmeExamples, syncReadmeExamples } from './readme-examples.mjs';
export { typecheckFiles } from './typecheck.mjs';
export { specExampleArgs } from './example-args.mjs';
