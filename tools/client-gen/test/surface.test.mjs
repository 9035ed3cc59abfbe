// Adding a list operation to a spec yields a paginated client method with no hand edit: the fixture
// spec is generated twice, without and with `listWidgets`, and the second client walks its pages.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateClient, nameOf, renderSurface } from '../src/generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const base = JSON.parse(readFileSync(join(here, 'fixtures/widgets.openapi.json'), 'utf8'));
const SURFACE = {
  packageName: '@example/widgets-client',
  envPrefix: 'WIDGETS',
  errorClass: 'WidgetsCredentialError',
  clients: {
    data: {
      className: 'WidgetsClient',
      factory: 'createWidgetsClient',
      schemes: ['widgetKey'],
      credential: { option: 'apiKey', env: 'WIDGETS_API_KEY', label: 'a widget key' },
      baseUrlEnv: 'WIDGETS_BASE_URL',
    },
  },
};

/** The fixture plus a cursor-paginated list, as a spec author would add it. */
function withListOperation(spec) {
  const copy = structuredClone(spec);
  copy.paths['/v1/widgets'] = {
    get: {
      operationId: 'listWidgets',
      summary: 'List widgets',
      tags: ['Widgets'],
      'x-pagination': { strategy: 'cursor', cursorParam: 'cursor', nextCursorField: 'nextCursor', itemsField: 'widgets' },
      parameters: [
        { name: 'cursor', in: 'query', schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer' } },
      ],
      responses: { 200: { description: 'A page.', content: { 'application/json': { schema: { $ref: '#/components/schemas/WidgetList' } } } } },
    },
  };
  return copy;
}

async function generate(name, spec) {
  const root = join(here, '../test-output/surface', name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const specPath = join(root, 'openapi.json');
  writeFileSync(specPath, JSON.stringify(spec));
  await generateClient({ packageRoot: root, specPath, specPackage: 'widgets fixture', surface: SURFACE });
  return join(root, 'src/generated');
}

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Type-checks the generated files plus `consumer` source (strict, NodeNext). */
function typecheck(generated, consumer) {
  const consumerPath = join(generated, 'consumer.ts');
  writeFileSync(consumerPath, consumer);
  const program = ts.createProgram([...tsFiles(generated)], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Transpiles the generated TypeScript to ESM next to it and imports the resources module. */
async function load(generated) {
  for (const file of tsFiles(generated)) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(file.replace(/\.ts$/, '.js'), outputText);
  }
  return import(pathToFileURL(join(generated, 'resources.gen.js')).href);
}

describe('generated surface', () => {
  it('names methods from operationId and tag', () => {
    expect(nameOf('listIssues', 'Issues')).toEqual({ resource: 'issues', method: 'list' });
    expect(nameOf('getIssue', 'Issues')).toEqual({ resource: 'issues', method: 'get' });
    expect(nameOf('updateIssueStatus', 'Issues')).toEqual({ resource: 'issues', method: 'updateStatus' });
    expect(nameOf('listKnowledgeSources', 'Knowledge sources')).toEqual({ resource: 'knowledgeSources', method: 'list' });
  });

  it('a list operation added to the spec becomes a typed, paginated method', { timeout: 60_000 }, async () => {
    const before = renderSurface(base, SURFACE, { typesSource: '', specPackage: 'widgets fixture' });
    expect(before.resources).toMatch(/\n {2}get\(widgetId: string/);
    expect(before.resources).not.toMatch(/\blist\(/);

    const after = await generate('after', withListOperation(base));
    const resources = readFileSync(join(after, 'resources.gen.ts'), 'utf8');
    expect(resources).toMatch(/\n {2}list\(params: op\.WidgetListParams = \{\}, options\?: op\.RequestOptions\): op\.PageIterator</);
    const consumer = [
      "import { WidgetsClient } from './resources.gen.js';",
      "const client = new WidgetsClient({ apiKey: 'wid_x' });",
      'export async function names(): Promise<string[]> {',
      '  const names: string[] = [];',
      '  for await (const widget of client.widgets.list({ limit: 2 })) names.push(widget.name);',
      '  const first = await client.widgets.list().withResponse();',
      '  const id: string | undefined = first.requestId;',
      '  return [...names, first.data.widgets[0]?.id ?? \'\', id ?? \'\'];',
      '}',
      '// @ts-expect-error limit is an integer',
      "void client.widgets.list({ limit: 'two' });",
      '',
    ].join('\n');
    expect(typecheck(after, consumer)).toEqual([]);

    const { WidgetsClient } = await load(after);
    const pages = { '': { widgets: [{ id: 'w1', name: 'one' }, { id: 'w2', name: 'two' }], nextCursor: 'c2' }, c2: { widgets: [{ id: 'w3', name: 'three' }], nextCursor: null } };
    const urls = [];
    const fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input);
      urls.push(url.pathname + url.search);
      expect(new Headers(init?.headers ?? input.headers).get('authorization')).toBe('Bearer wid_fixture');
      return new Response(JSON.stringify(pages[url.searchParams.get('cursor') ?? '']), { headers: { 'content-type': 'application/json' } });
    };
    const client = new WidgetsClient({ apiKey: 'wid_fixture', baseUrl: 'http://127.0.0.1:9', fetch });
    const names = [];
    for await (const widget of client.widgets.list({ limit: 2 })) names.push(widget.name);
    expect(names).toEqual(['one', 'two', 'three']);
    expect(urls).toEqual(['/v1/widgets?limit=2', '/v1/widgets?limit=2&cursor=c2']);
  });
});
