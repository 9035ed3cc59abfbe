import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const [dir, src] = process.argv.slice(2);
const out = await build({ stdin: { contents: src, resolveDir: dir, loader: 'js' }, bundle: true, minify: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, metafile: true });
const code = out.outputFiles[0].contents;
console.log('min', code.length, 'gz', gzipSync(code, { level: 9 }).length);
for (const [k, v] of Object.entries(Object.values(out.metafile.outputs)[0].inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) console.log(String(v.bytesInOutput).padStart(6), k.replace(/^.*packages\//, ''));
