/** Short name of a package: "@apiforge/lucent-client" -> "lucent-client". */
export function shortName(source: string): string {
  return source.replace(/^@[^/]+\//, '');
}

/**
 * Whether `--only` selects a benchmark. A token may be the id ("bundle-size"),
 * "<package>/<id>" ("lucent-client/bundle-size") or a package ("sandbox") for all of its rows.
 */
export function isSelected(only: readonly string[] | null | undefined, source: string, id: string): boolean {
  if (!only || only.length === 0) return true;
  const short = shortName(source);
  return only.some((token) => token === id || token === `${short}/${id}` || token === short || token === source);
}
