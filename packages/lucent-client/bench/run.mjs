#!/usr/bin/env node
import { runLucentClientBench } from './lucent-client.bench.mjs';

const result = await runLucentClientBench();
const { perRequest: r, pagination: p, bundle: b } = result;
const verdict = (ok) => (ok ? 'meets goal' : 'MISSES goal');

console.log(`@apiforge/lucent-client benchmark (Node ${process.version})`);
console.log(
  `per-request overhead: ${r.ratio}x raw fetch over ${r.requests} requests ` +
    `(${r.clientUsPerRequest} vs ${r.rawUsPerRequest} µs/request; goal <= ${r.goal}x: ${verdict(r.ratio <= r.goal)})`,
);
console.log(
  `auto-pagination: ${p.ratio}x a hand-written cursor loop over ${p.issues} issues x ${p.walks} walks, ${p.pageSize}/page ` +
    `(${p.clientMs} vs ${p.handWrittenMs} ms; goal <= ${p.goal}x: ${verdict(p.ratio <= p.goal)})`,
);
for (const [name, size] of Object.entries(b.consumers)) {
  const groups = Object.entries(size.minBytesByGroup)
    .sort((x, y) => y[1] - x[1])
    .map(([group, bytes]) => `${group} ${bytes}`)
    .join(', ');
  console.log(
    `bundle [${name}]: ${size.gzipBytes} B min+gzip, ${size.minBytes} B min ` +
      `(goal <= ${b.goal} B: ${verdict(size.gzipBytes <= b.goal)}; min bytes by origin: ${groups})`,
  );
}
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
