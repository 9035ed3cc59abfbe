/** Reads a number at a dotted path of a module's result, failing with the path when the shape changed. */
export function numberAt(value: unknown, path: string): number {
  const found = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
  if (typeof found !== 'number' || !Number.isFinite(found)) throw new TypeError(`expected a number at ${path}, got ${JSON.stringify(found)}`);
  return found;
}

export function objectAt(value: unknown, path: string): Record<string, unknown> {
  const found = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
  if (!found || typeof found !== 'object') throw new TypeError(`expected an object at ${path}`);
  return found as Record<string, unknown>;
}
