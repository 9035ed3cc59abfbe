import { LucentIngestClient } from '@apiforge/lucent-client';

// A server-side relay that already has rrweb events submits batches directly.
const ingest = new LucentIngestClient({ publicKey: process.env.LUCENT_PUBLIC_KEY!, baseUrl: 'http://127.0.0.1:4020' });

const result = await ingest.replay.submit({
  session: {
    id: 's_01HZX3K9Q7W2M4N6P8R0T1V3X5',
    windowId: 'w_7f3a',
    startedAt: 1771929000000,
    lastActivityAt: 1771929138412,
    url: 'https://shop.example.com/checkout',
  },
  user: { anonymousId: 'anon_5c1e9b' },
  page: { url: 'https://shop.example.com/checkout' },
  replay: { events: [{ timestamp: 1771929138412, type: 3, data: { source: 2, type: 2, id: 118 } }], sequence: 1 },
  flush: 'final',
});
console.log(result.ok); // true; re-sending the same (session.id, sequence) is accepted once
