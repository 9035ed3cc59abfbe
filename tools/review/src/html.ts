export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline stylesheet: the page makes no request of its own (no fonts, scripts or images). */
export const CSS = `
:root { color-scheme: light; --fg:#1d2433; --muted:#5b6578; --line:#d9dee8; --bg:#ffffff; --soft:#f5f7fb;
  --breaking:#b42318; --breaking-bg:#fdecea; --warning:#8a5a00; --warning-bg:#fff4d6; --info:#175cd3; --info-bg:#eaf2ff; --ok:#067647; --ok-bg:#e7f6ee; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.page { padding: 20px 32px; background: #1d2433; color: #fff; }
header.page h1 { margin: 0 0 4px; font-size: 24px; }
header.page p { margin: 0; color: #c9d1e3; }
nav.toc { padding: 10px 32px; background: var(--soft); border-bottom: 1px solid var(--line); }
nav.toc a { margin-right: 16px; color: var(--info); text-decoration: none; }
main { padding: 8px 32px 48px; max-width: 1400px; min-width: 0; }
section { margin-top: 28px; }
h2 { font-size: 20px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 17px; margin: 18px 0 8px; }
h4 { margin: 0 0 6px; font-size: 16px; }
h5 { margin: 14px 0 6px; font-size: 14px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { padding: 10px 16px; border-radius: 8px; min-width: 150px; border: 1px solid var(--line); }
.card b { display: block; font-size: 26px; }
.card.breaking { background: var(--breaking-bg); color: var(--breaking); }
.card.warning { background: var(--warning-bg); color: var(--warning); }
.card.info { background: var(--info-bg); color: var(--info); }
.card.ok { background: var(--ok-bg); color: var(--ok); }
.card.fail { background: var(--breaking-bg); color: var(--breaking); }
.level { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.level.breaking { background: var(--breaking-bg); color: var(--breaking); }
.level.warning { background: var(--warning-bg); color: var(--warning); }
.level.info { background: var(--info-bg); color: var(--info); }
.muted { color: var(--muted); }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: var(--info-bg); color: var(--info); }
.tag.dep { background: var(--warning-bg); color: var(--warning); }
tr.only td { background: #fffbe6; }
tr.deprecated td { text-decoration: line-through; text-decoration-color: #a8a8a8; }
tr.assumption td { background: var(--soft); color: var(--muted); font-size: 13px; }
.banner { padding: 6px 10px; border-radius: 6px; }
.banner.dep { background: var(--warning-bg); color: var(--warning); }
.banner.assumption { background: var(--soft); border-left: 4px solid var(--muted); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.pair > div { min-width: 0; }
td { overflow-wrap: break-word; }
td code { overflow-wrap: anywhere; }
.level, .tag { white-space: nowrap; }
.pair > div > .label { font-weight: 600; color: var(--muted); margin-bottom: 4px; }
.op { border: 1px solid var(--line); border-radius: 8px; padding: 12px; background: #fff; }
.op.missing { background: var(--soft); }
.method { display: inline-block; padding: 0 6px; border-radius: 4px; background: #1d2433; color: #fff; font-size: 13px; }
ul.facts { padding-left: 18px; margin: 6px 0; }
ul.facts code, li code { overflow-wrap: anywhere; }
pre.diff { background: var(--soft); border: 1px solid var(--line); padding: 8px; overflow-x: auto; white-space: pre; margin: 4px 0 12px; }
pre.diff .add { background: #e6ffec; color: #055d20; display: block; }
pre.diff .del { background: #ffebe9; color: #82071e; display: block; }
pre.diff .skip { color: var(--muted); display: block; font-style: italic; }
details > summary { cursor: pointer; }
.problem-error { color: var(--breaking); }
.problem-warn { color: var(--warning); }
`;
