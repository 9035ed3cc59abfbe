// The page shell: loads the self-hosted Redoc bundle and the inlined spec (inlined so the page also
// works opened straight from disk, where fetch() of a file:// URL is refused). No external URL at all.

const SYSTEM_FONTS = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const MONO_FONTS = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

export const redocOptions = {
  theme: {
    typography: {
      fontFamily: SYSTEM_FONTS,
      headings: { fontFamily: SYSTEM_FONTS },
      code: { fontFamily: MONO_FONTS },
    },
  },
  downloadDefinitionUrl: 'openapi.json',
  hideLoading: true,
  expandResponses: '200,201,202',
  jsonSampleExpandLevel: 3,
};

const escapeHtml = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

// JSON inside <script> must not be able to close the tag or open a comment.
const scriptSafeJson = (value) =>
  JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');

const BAR_HEIGHT = 48;

/**
 * The page shell. With `sandbox` ({ url, command, samples }), a bar above the reference switches every
 * sample (and the servers Redoc shows) between production and the local sandbox: the page keeps both
 * sample sets inline and re-renders Redoc in place, so the switch needs no network. The choice is kept in
 * the URL (`?target=sandbox`) and, where the browser allows it, in localStorage.
 */
export function indexHtml({ title, spec, rendererFile, sandbox, links = [] }) {
  const nav = links.map(({ href, text }) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`).join('\n');
  const toggle = sandbox
    ? `<fieldset id="target" aria-label="Samples target">
<legend>Samples target</legend>
<label><input type="radio" name="target" value="production" checked> Production</label>
<label><input type="radio" name="target" value="sandbox"> Sandbox <code>${escapeHtml(sandbox.url)}</code></label>
<span id="sandbox-note" hidden title="Samples use the sandbox's fixture credentials and ids of records its seed creates (present after a start or a reset).">run <code>${escapeHtml(sandbox.command)}</code>; fixture credentials, seeded ids</span>
</fieldset>`
    : '';
  const options = { ...redocOptions, scrollYOffset: BAR_HEIGHT };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { margin: 0; padding: ${BAR_HEIGHT}px 0 0; font-family: ${SYSTEM_FONTS}; }
#bar { position: fixed; top: 0; left: 0; right: 0; height: ${BAR_HEIGHT}px; z-index: 100; box-sizing: border-box; display: flex; align-items: center; gap: 1.25rem; padding: 0 1rem; background: #263238; color: #fff; font-size: 14px; }
#bar a, #bar label, #bar legend { color: #fff; white-space: nowrap; }
#bar fieldset { border: 0; margin: 0 0 0 auto; padding: 0; display: flex; align-items: center; gap: .75rem; min-width: 0; }
#bar legend { float: left; padding: 0; margin-right: .25rem; font-weight: 600; }
#sandbox-note { font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
#bar code { font-family: ${MONO_FONTS}; }
</style>
</head>
<body>
<header id="bar">
${nav}
${toggle}
</header>
<div id="redoc-container"></div>
<script src="./${rendererFile}"></script>
<script>
(function () {
  var spec = ${scriptSafeJson(spec)};
  var options = ${scriptSafeJson(options)};
  var sandbox = ${scriptSafeJson(sandbox ?? null)};
  var container = document.getElementById('redoc-container');
  if (!sandbox) { Redoc.init(spec, options, container); return; }
  var production = {};
  var methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  var eachOperation = function (document, visit) {
    Object.keys(document.paths || {}).forEach(function (path) {
      var item = document.paths[path];
      methods.forEach(function (method) { if (item[method]) visit(method.toUpperCase() + ' ' + path, item[method], item); });
    });
  };
  eachOperation(spec, function (key, operation) { production[key] = operation['x-codeSamples']; });
  var specFor = function (target) {
    var copy = JSON.parse(JSON.stringify(spec));
    if (target !== 'sandbox') return copy;
    var server = [{ url: sandbox.url, description: 'Local sandbox (' + sandbox.command + ')' }];
    copy.servers = server;
    eachOperation(copy, function (key, operation, item) {
      operation['x-codeSamples'] = sandbox.samples[key] || operation['x-codeSamples'];
      if (item.servers) item.servers = server;
      if (operation.servers) operation.servers = server;
    });
    return copy;
  };
  var remembered = function () {
    var fromUrl = new URLSearchParams(location.search).get('target');
    if (fromUrl === 'sandbox' || fromUrl === 'production') return fromUrl;
    try { return localStorage.getItem('apiforge-docs-target') === 'sandbox' ? 'sandbox' : 'production'; } catch (error) { return 'production'; }
  };
  var current;
  var show = function (target) {
    if (target === current) return;
    current = target;
    document.querySelectorAll('#target input').forEach(function (input) { input.checked = input.value === target; });
    document.getElementById('sandbox-note').hidden = target !== 'sandbox';
    document.body.setAttribute('data-target', target);
    var anchor = location.hash;
    Redoc.destroy(container);
    Redoc.init(specFor(target), options, container, function () {
      if (anchor && location.hash !== anchor) location.hash = anchor;
    });
  };
  document.querySelectorAll('#target input').forEach(function (input) {
    input.addEventListener('change', function () {
      if (!input.checked) return;
      try { localStorage.setItem('apiforge-docs-target', input.value); } catch (error) { /* file:// or private mode */ }
      var url = new URL(location.href);
      url.searchParams.set('target', input.value);
      history.replaceState(null, '', url);
      show(input.value);
    });
  });
  show(remembered());
})();
</script>
</body>
</html>
`;
}
