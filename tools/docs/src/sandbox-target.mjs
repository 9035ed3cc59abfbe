// The local sandbox as a second target of every sample: its default URL (what `pnpm sandbox <api>` listens
// on) and, per operation, the fixture credential the sandbox accepts for the operation's security
// requirement, and the ids of seeded records a sample names (sampleValues). All come from the sandbox
// package itself, so the samples follow it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findWorkspacePackage } from './workspace.mjs';

export const SANDBOX_PACKAGE = '@apiforge/sandbox';

/**
 * `{ api, url, command, credentials }` for an API the workspace's sandbox serves; undefined when there is
 * no sandbox package or it does not serve this API. A sandbox package that is not built is an error.
 */
export async function loadSandboxTarget(api) {
  const sandbox = findWorkspacePackage(SANDBOX_PACKAGE);
  if (!sandbox) return undefined;
  const entry = join(sandbox.dir, 'dist', 'index.js');
  const cli = join(sandbox.dir, 'dist', 'cli.js');
  if (!existsSync(entry) || !existsSync(cli)) {
    throw new Error(`${SANDBOX_PACKAGE} is not built (${entry} is missing): pnpm --filter ${SANDBOX_PACKAGE} build`);
  }
  const { apiNames, fixtureCredentials, sampleValues } = await import(pathToFileURL(entry).href);
  if (!apiNames.includes(api)) return undefined;
  if (typeof sampleValues !== 'function') {
    throw new Error(`${SANDBOX_PACKAGE} in ${sandbox.dir}/dist does not export sampleValues (its seeded ids for samples): rebuild it (pnpm --filter ${SANDBOX_PACKAGE} build)`);
  }
  // The CLI's own defaults (host and port without flags or environment), so the URL is the one it prints.
  const { parseArgs } = await import(pathToFileURL(cli).href);
  const { host, port } = parseArgs([api], {});
  const credentials = await fixtureCredentials(api);
  // Per tenant of a fixture credential: ids of records its seed creates, by parameter name.
  const orgs = [...new Set([...credentials.values()].map((credential) => credential.org))];
  const sampleValuesByOrg = new Map(await Promise.all(orgs.map(async (org) => [org, await sampleValues(api, org)])));
  return { api, url: `http://${host ?? '127.0.0.1'}:${port}`, command: `pnpm sandbox ${api}`, credentials, sampleValues: sampleValuesByOrg };
}

/**
 * The fixture credential the sandbox accepts for this security scheme and these scopes: the first one
 * (in the sandbox's documented order) that is not revoked, is bound to the scheme (or carries one of its
 * `x-token-prefixes`) and holds every scope the requirement names.
 */
export function sandboxCredential(target, schemeName, scheme, scopes = []) {
  const prefixes = scheme['x-token-prefixes'] ?? [];
  for (const [value, credential] of target.credentials) {
    if (credential.revoked) continue;
    if (credential.schemes ? !credential.schemes.includes(schemeName) : prefixes.length > 0 && !prefixes.some((prefix) => value.startsWith(prefix))) continue;
    if (!scopes.every((scope) => credential.scopes.includes(scope))) continue;
    return { value, org: credential.org, kind: credential.kind };
  }
  throw new Error(`the ${target.api} sandbox has no fixture credential for ${schemeName}${scopes.length ? ` with ${scopes.join(', ')}` : ''}`);
}

// Which option of a client's constructor takes its base URL: read from the package's declaration files
// (`baseUrl` when the options have it, else their only `…BaseUrl`), so the sample compiles as written.
function declarations(dir) {
  const dist = join(dir, 'dist');
  if (!existsSync(dist)) return '';
  return readdirSync(dist)
    .filter((name) => name.endsWith('.d.ts'))
    .map((name) => readFileSync(join(dist, name), 'utf8'))
    .join('\n');
}

export function constructorOptionNames(dts, className) {
  const ctor = new RegExp(`class ${className}\\b[^{]*\\{[\\s\\S]*?constructor\\(\\w+\\??: (\\w+)`).exec(dts);
  if (!ctor) return new Set();
  const names = new Set();
  const visit = (name, depth) => {
    const found = new RegExp(`interface ${name}(?:<[^>]*>)?(?:\\s+extends\\s+([^{]+))?\\s*\\{([\\s\\S]*?)\\n\\}`).exec(dts);
    if (!found) return;
    for (const property of found[2].matchAll(/^\s*(?:readonly\s+)?(\w+)\??\s*:/gm)) names.add(property[1]);
    if (found[1] && depth < 5) for (const parent of found[1].split(',')) visit(parent.trim().replace(/<[\s\S]*$/, ''), depth + 1);
  };
  visit(ctor[1], 0);
  return names;
}

export function baseUrlOption(names) {
  if (names.has('baseUrl')) return 'baseUrl';
  const others = [...names].filter((name) => /BaseUrl$/.test(name));
  return others.length === 1 ? others[0] : 'baseUrl';
}

const CONSTRUCTION = /^((?:const|let) \w+ = new (\w+)\()\{([\s\S]*?)\}\);[ \t]*$/m;
const OPTION = /(\w+)\s*:\s*(process\.env\.\w+!?|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^,\n}]+?)\s*(?:,|$)/gm;
const quote = (text) => `'${String(text).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * The client construction of a sample's setup, pointed at the sandbox: the credential option gets the
 * sandbox's fixture credential, a tenant option (workspace, organization) the credential's own tenant,
 * and the base URL option the sandbox URL. Any other value read from the environment cannot be known
 * for the sandbox, so it fails the render rather than ship a sample that cannot work.
 */
export function sandboxSetup(setup, { url, credential, prefixes = [], command, clientDir }) {
  const construction = CONSTRUCTION.exec(setup);
  if (!construction) throw new Error(`cannot find the client construction (const x = new Client({ ... });) in:\n${setup}`);
  const [whole, head, className, body] = construction;
  const options = [];
  for (const [, key, value] of body.matchAll(OPTION)) {
    const isEnv = value.startsWith('process.env.');
    const literal = /^['"]/.test(value) ? value.slice(1, -1) : undefined;
    if ((isEnv || literal !== undefined) && (/key|token|secret|credential/i.test(key) || prefixes.some((prefix) => literal?.startsWith(prefix)))) {
      if (!credential) throw new Error(`${className} option ${key} takes a credential, but the operation names no security scheme`);
      options.push([key, quote(credential.value)]);
    } else if (credential && /workspace|organi[sz]ation|^org|tenant|account/i.test(key) && (isEnv || literal !== undefined)) {
      options.push([key, quote(credential.org)]);
    } else if (isEnv) {
      throw new Error(`${className} option ${key} comes from ${value}: no sandbox value is known for it`);
    } else {
      options.push([key, value]);
    }
  }
  const urlOption = baseUrlOption(constructorOptionNames(clientDir ? declarations(clientDir) : '', className));
  if (!options.some(([key]) => key === urlOption)) options.push([urlOption, quote(url)]);
  const construct = `${head}{\n${options.map(([key, value]) => `  ${key}: ${value},`).join('\n')}\n});`;
  const comment = credential
    ? `// The local sandbox (${command}) with one of its fixture credentials (${credential.kind}).`
    : `// The local sandbox (${command}).`;
  return setup.replace(whole, `${comment}\n${construct}`);
}
