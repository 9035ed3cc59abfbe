// What a published tarball may contain: build output, the manifest, README, CHANGELOG, licence, and
// files the package names in `files` or `bin`. TypeScript sources, tests and tool configs never. A package
// with no build step (plain JavaScript + hand-written .d.ts, e.g. @apiforge/mock) may ship its src/ by
// naming it in `files`; its .ts sources would still be refused.

const ALWAYS_ALLOWED = [/^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICEN[CS]E(\.md|\.txt)?$/i, /^dist\//];
const NEVER_ALLOWED = [
  [/^src\/.*(?<!\.d)\.[cm]?tsx?$/, 'TypeScript sources (src/)'],
  [/^(test|tests|__tests__)\//, 'tests'],
  [/\.(test|spec)\.[cm]?[jt]sx?$/, 'test files'],
  [/^(bench|benchmarks|scripts|examples|fixtures)\//, 'development folders'],
  [/(^|\/)tsconfig(\.[\w-]+)?\.json$/, 'tsconfig files'],
  [/(^|\/)(vitest|vite|turbo)\.config\.[cm]?[jt]s$|(^|\/)turbo\.json$/, 'tool configs'],
  [/(^|\/)(\.turbo|node_modules)\//, 'caches'],
  [/\.tgz$/, 'tarballs'],
];
export const REQUIRED_FILES = ['package.json', 'README.md', 'CHANGELOG.md'];

function declaredEntries(manifest) {
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  return [...(manifest.files ?? []), ...bins].map((entry) => entry.replace(/^\.\//, '').replace(/\/$/, ''));
}

/** Problems with a tarball's file list; empty when it holds only what the package needs. */
export function contentProblems(manifest, files) {
  const problems = [];
  const declared = declaredEntries(manifest);
  for (const required of REQUIRED_FILES) {
    if (!files.includes(required)) problems.push(`missing ${required}`);
  }
  for (const file of files) {
    const forbidden = NEVER_ALLOWED.find(([pattern]) => pattern.test(file));
    if (forbidden) {
      problems.push(`ships ${forbidden[1]}: ${file}`);
      continue;
    }
    const allowed =
      ALWAYS_ALLOWED.some((pattern) => pattern.test(file)) ||
      declared.some((entry) => file === entry || file.startsWith(`${entry}/`));
    if (!allowed) problems.push(`ships an undeclared file: ${file}`);
  }
  return problems;
}
