/**
 * Evaluates a rendered spec-meta.gen.ts: its constants are JSON behind `as const`, and OPERATION_META
 * refers to the per-operation exports, so the source runs as JavaScript once the TypeScript bits go.
 */
export function evaluateMeta(source) {
  const names = [...source.matchAll(/^export const (\w+) =/gm)].map((match) => match[1]);
  const body = source
    .replace(/ as const;/g, ';')
    .replace(/^export type .*$/gm, '')
    .replace(/^export const /gm, 'const ');
  return new Function(`${body}\nreturn { ${names.join(', ')} };`)();
}
