// Reads the other document of a drift review: a local file or an http(s) URL, JSON or YAML,
// OpenAPI 3.0 or 3.1. Bounded in size and time; nothing in it is executed.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { isObject, type JsonObject } from '../diff/resolve.js';
import { UsageError } from '../git.js';

const MAX_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

async function download(url: URL): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow', headers: { accept: 'application/json, application/yaml, text/yaml, */*' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new UsageError(`could not fetch ${url.origin}${url.pathname}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Save the document and pass its path instead.`);
  }
  if (!response.ok) throw new UsageError(`fetching ${url.origin}${url.pathname} answered ${response.status}; pass a saved copy instead.`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) throw new UsageError(`${url.origin}${url.pathname} is ${length} bytes; the limit is ${MAX_BYTES}.`);
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new UsageError(`${url.origin}${url.pathname} is over ${MAX_BYTES} bytes.`);
  return text;
}

function parse(text: string, name: string): JsonObject {
  let value: unknown;
  try {
    value = text.trimStart().startsWith('{') ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${name} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isObject(value) || typeof value.openapi !== 'string' || !/^3\.[01]\./.test(value.openapi)) {
    throw new UsageError(`${name} is not an OpenAPI 3.0 or 3.1 document (no "openapi: 3.x" field).`);
  }
  return value;
}

export async function loadOtherDocument(location: string, cwd: string): Promise<{ doc: JsonObject; name: string }> {
  if (/^https?:\/\//i.test(location)) {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new UsageError(`--against ${location} is not a valid URL.`);
    }
    if (url.username || url.password) throw new UsageError('--against URL must not carry credentials; download the document and pass its path.');
    const text = await download(url);
    return { doc: parse(text, `${url.origin}${url.pathname}`), name: `${url.origin}${url.pathname}` };
  }
  const path = resolve(cwd, location);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--against ${location}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  if (text.length > MAX_BYTES) throw new UsageError(`--against ${location} is over ${MAX_BYTES} bytes.`);
  return { doc: parse(text, location), name: location };
}
