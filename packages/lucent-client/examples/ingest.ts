import { LucentIngestClient, type RrwebEvent } from '@apiforge/lucent-client';

// Public keys (luc_pk_) are meant to ship in browser code.
const ingest = new LucentIngestClient({ publicKey: 'luc_pk_your_public_key' });

const now = Date.now();
const batcher = ingest.createBatcher({
  // One browser tab (window) of the session; each batch's lastActivityAt follows the latest event sent.
  session: { id: crypto.randomUUID(), windowId: crypto.randomUUID(), startedAt: now, lastActivityAt: now, url: location.href },
  user: { anonymousId: 'anon_5c1e9b', id: null },
  page: { url: location.href, referrer: document.referrer || null, viewport: { width: innerWidth, height: innerHeight } },
  metadata: { userAgent: navigator.userAgent, language: navigator.language },
  // Defaults: 500 events, 1 MiB of event JSON, 10 s.
  maxEvents: 500,
  onError: async (error, failed) => {
    // Retries are used up (or the error is not retryable): the events are yours to keep.
    console.error(`batch ${failed.sequence} failed`, error);
    localStorage.setItem(`lucent-unsent-${failed.sessionId}-${failed.sequence}`, JSON.stringify(failed.events));
  },
});

// Feed it what your rrweb recorder emits, e.g. record({ emit: (event) => batcher.add(event) }).
const event: RrwebEvent = { timestamp: Date.now(), type: 4, data: { href: location.href, width: 1440, height: 900 } };
batcher.add(event);

// Sends what is buffered now; resolves when every batch is accepted or handed to onError.
await batcher.flush();

// When the page is hidden or unloaded, the batcher sends by navigator.sendBeacon on its own.
// On a single-page-app logout, end the session explicitly: the rest goes out with flush: "final".
await batcher.close();
