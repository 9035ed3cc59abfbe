// Helpers shared by the response rules: which status key a Response node sits under.

/** The response's status code when the visited node sits in an operation's responses map. */
export function statusOf(ctx) {
  const key = String(ctx.key);
  return /^[1-5](\d\d|XX)$/.test(key) ? key : undefined;
}

export function isErrorStatus(status) {
  return status !== undefined && (status.startsWith('4') || status.startsWith('5'));
}

/** Header names of a response, lower-cased, so checks are case-insensitive like HTTP. */
export function headerNames(response) {
  return new Set(Object.keys(response.headers ?? {}).map((name) => name.toLowerCase()));
}

export function findHeader(response, name) {
  const entry = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

/**
 * Tracks the operation being walked so a response rule can apply only to operations secured by some
 * schemes (for example only a bearer-token API where another API in the same spec documents otherwise).
 * Responses walked outside an operation (unreferenced components) are skipped when schemes are set.
 */
export function operationScope(schemes) {
  let rootSecurity = [];
  let current;
  const visitors = {
    Root: { enter(root) { rootSecurity = root.security ?? []; } },
    Operation: {
      enter(operation) { current = operation; },
      leave() { current = undefined; },
    },
  };
  function applies() {
    if (!schemes || schemes.length === 0) return true;
    if (!current) return false;
    const security = current.security ?? rootSecurity;
    return security.some((requirement) => Object.keys(requirement).some((name) => schemes.includes(name)));
  }
  return { visitors, applies };
}
