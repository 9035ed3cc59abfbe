import { defineClientSuite } from './support/client-suite.js';
import { startFakeLucent, type FakeLucent } from './support/fake-lucent.js';

let fake: FakeLucent | undefined;

defineClientSuite('the in-memory fake Lucent', async () => {
  return {
    url: (fake = await startFakeLucent()).url,
    counts: { signals: 120, insights: 150 },
    async session(id) {
      const batches = fake!.sessions.get(id);
      if (!batches) return undefined;
      return {
        batches: batches.length,
        events: batches.reduce((sum, batch) => sum + batch.events.length, 0),
        finalReceived: batches.some((batch) => batch.flush === 'final'),
      };
    },
    async reset() {
      fake!.clearFaults();
    },
    close: () => fake!.close(),
  };
});
