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
