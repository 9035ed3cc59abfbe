// One page in front of every API's reference: what each API is, where its operations are, and where its
// facts come from. Plain HTML, no script, no external URL.
const escapeHtml = (text) =>
  String(text ?? '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Redoc's anchor for an operation: its first tag and its operationId. */
function operationAnchor(operation) {
  const tag = operation.tags?.[0];
  return tag ? `#tag/${encodeURIComponent(tag.replace(/\s/g, '-'))}/operation/${encodeURIComponent(operation.operationId)}` : `#operation/${encodeURIComponent(operation.operationId)}`;
}

export function landingHtml(results) {
  const sections = results.map(({ api, spec, sandbox }) => {
    const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
    );
    const rows = operations
      .map(
        ({ path, method, operation }) =>
          `<li><a href="./${api}/index.html${operationAnchor(operation)}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code> ${escapeHtml(operation.summary ?? operation.operationId)}</a></li>`,
      )
      .join('\n');
    const sources = Object.values(spec['x-sources'] ?? {})
      .map((source) => `<li>${source.url ? `<a href="${escapeHtml(source.url)}">${escapeHtml(source.title)}</a>` : escapeHtml(source.title)}</li>`)
      .join('\n');
    return `<section id="${escapeHtml(api)}">
<h2><a href="./${api}/index.html">${escapeHtml(spec.info?.title ?? api)}</a> <small>${escapeHtml(spec.info?.version ?? '')}</small></h2>
<p>${escapeHtml(spec.info?.summary ?? '')}</p>
<p class="more"><a href="./${api}/index.html">Reference</a> · <a href="./${api}/changelog.html">Changelog</a>${sandbox ? ` · samples also target the local sandbox (<code>${escapeHtml(sandbox.command)}</code>, <code>${escapeHtml(sandbox.url)}</code>)` : ''}</p>
<ul class="operations">
${rows}
</ul>
<details><summary>Sources of this reference</summary><ul>
${sources}
</ul></details>
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<style>
body { margin: 0 auto; max-width: 60rem; padding: 2rem; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; }
ul.operations { list-style: none; padding-left: 0; }
ul.operations li { margin: .25rem 0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
</style>
</head>
<body>
<h1>API reference</h1>
<p>Every API below is described from its vendor's public documentation; where the documentation is silent the reference says so beside the field or response concerned.</p>
${sections.join('\n')}
</body>
</html>
`;
}
