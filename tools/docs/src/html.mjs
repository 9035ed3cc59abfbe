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

export function indexHtml({ title, spec, rendererFile }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body { margin: 0; padding: 0; font-family: ${SYSTEM_FONTS}; }</style>
</head>
<body>
<div id="redoc-container"></div>
<script src="./${rendererFile}"></script>
<script>
Redoc.init(${scriptSafeJson(spec)}, ${scriptSafeJson(redocOptions)}, document.getElementById('redoc-container'));
</script>
</body>
</html>
`;
}
