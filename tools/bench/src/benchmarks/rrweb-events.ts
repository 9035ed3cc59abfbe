import { picker, type Picker } from './random.js';

/** The rrweb event shape Lucent's replay ingest takes: { type, timestamp, data }. */
export interface RrwebLikeEvent {
  type: number;
  timestamp: number;
  data: unknown;
}

const TAGS = ['div', 'span', 'button', 'li', 'a', 'p', 'input', 'svg', 'img', 'section'] as const;
const CLASSES = ['btn', 'btn-primary', 'card', 'row', 'col-6', 'hidden', 'active', 'nav-item', 'modal', 'toast'] as const;

/**
 * Deterministic rrweb-like session: mostly small incremental snapshots (mouse
 * moves, clicks, scrolls, inputs, DOM mutations of varied size), occasional
 * console events, and a Meta + large FullSnapshot pair every few thousand events
 * as on navigation. Sizes range from ~60 bytes to tens of kilobytes.
 */
export function generateRrwebEvents(count: number, seed = 20260420): RrwebLikeEvent[] {
  const p = picker(seed);
  const events: RrwebLikeEvent[] = [];
  let timestamp = 1_776_672_000_000;
  let nextNodeId = 1;
  while (events.length < count) {
    timestamp += p.int(5, 120);
    if (events.length % 4000 === 0) {
      events.push({ type: 4, timestamp, data: { href: `https://app.example.com/${p.word(3, 10)}/${p.int(1, 9999)}`, width: 1440, height: 900 } });
      if (events.length < count) events.push({ type: 2, timestamp, data: fullSnapshot(p, () => nextNodeId++) });
      continue;
    }
    events.push({ type: 3, timestamp, data: incremental(p, () => nextNodeId++) });
    if (p.random() < 0.03 && events.length < count) {
      events.push({ type: 5, timestamp, data: { tag: 'lucent.console', payload: { level: p.pick(['log', 'warn', 'error']), message: `${p.word(4, 12)} ${p.word(2, 30)} ${p.int(0, 1e6)}` } } });
    }
  }
  return events.slice(0, count);
}

function incremental(p: Picker, newId: () => number): unknown {
  const roll = p.random();
  if (roll < 0.4) {
    const positions = Array.from({ length: p.int(1, 12) }, (_, i) => ({ x: p.int(0, 1440), y: p.int(0, 900), id: p.int(1, 5000), timeOffset: -i * 16 }));
    return { source: 1, positions };
  }
  if (roll < 0.55) return { source: 2, type: p.int(0, 9), id: p.int(1, 5000), x: p.int(0, 1440), y: p.int(0, 900) };
  if (roll < 0.7) return { source: 3, id: p.int(1, 5000), x: 0, y: p.int(0, 20000) };
  if (roll < 0.78) return { source: 5, text: p.word(0, 60), isChecked: false, id: p.int(1, 5000) };
  const adds = Array.from({ length: p.random() < 0.6 ? p.int(0, 1) : p.int(2, 6) }, () => ({ parentId: p.int(1, 5000), nextId: null, node: element(p, newId, 0) }));
  return {
    source: 0,
    texts: Array.from({ length: p.int(0, 2) }, () => ({ id: p.int(1, 5000), value: p.word(1, 80) })),
    attributes: Array.from({ length: p.int(0, 3) }, () => ({ id: p.int(1, 5000), attributes: { class: `${p.pick(CLASSES)} ${p.pick(CLASSES)}`, style: p.random() < 0.5 ? `transform: translateX(${p.int(0, 400)}px)` : null } })),
    removes: Array.from({ length: p.int(0, 2) }, () => ({ parentId: p.int(1, 5000), id: p.int(1, 5000) })),
    adds,
  };
}

function element(p: Picker, newId: () => number, depth: number): unknown {
  const children = depth < 2 && p.random() < 0.4 ? Array.from({ length: p.int(1, 3) }, () => element(p, newId, depth + 1)) : [{ type: 3, textContent: p.word(0, 40), id: newId() }];
  return { type: 2, tagName: p.pick(TAGS), attributes: { class: `${p.pick(CLASSES)} ${p.pick(CLASSES)}`, 'data-testid': p.word(4, 12) }, childNodes: children, id: newId() };
}

function fullSnapshot(p: Picker, newId: () => number): unknown {
  const body = Array.from({ length: p.int(60, 240) }, () => element(p, newId, 0));
  return {
    node: { type: 0, childNodes: [{ type: 1, name: 'html', publicId: '', systemId: '', id: newId() }, { type: 2, tagName: 'html', attributes: { lang: 'en' }, childNodes: [{ type: 2, tagName: 'body', attributes: {}, childNodes: body, id: newId() }], id: newId() }], id: newId() },
    initialOffset: { left: 0, top: p.int(0, 2000) },
  };
}
