// A message a thousand screens follow is handed out a slice at a time, so the event loop turns
// between slices (a write's database round trips are not held up for the whole of it), while
// every handler still gets every message, in order, and a handler removed meanwhile gets no more.
import { describe, expect, test } from 'vitest';
import { memoryBus } from '../../server/src/live/bus.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('live fan-out in slices', () => {
  test('every handler gets every message in order, the event loop turning between slices', async () => {
    const bus = memoryBus();
    const got: number[][] = Array.from({ length: 250 }, () => []);
    const events: string[] = [];
    const offs = got.map((list, index) =>
      bus.on('topic', (detail) => {
        list.push((detail as { n: number }).n);
        if (index === 0 && (detail as { n: number }).n === 1) {
          // Something else the process has to do, asked for while the first slice is handed out.
          setImmediate(() => events.push(`other work, handler 249 had ${got[249]!.length}`));
        }
      }),
    );
    await bus.publish('topic', { n: 1 });
    await bus.publish('topic', { n: 2 });
    // The first slice at once, the rest later.
    expect(got.filter((list) => list.length > 0).length).toBe(100);
    // Handler 200 leaves before its slice came: it gets nothing more.
    offs[200]!();
    for (let i = 0; i < 10; i++) await turn();
    for (const [index, list] of got.entries()) {
      expect([index, list]).toEqual([index, index === 200 ? [] : [1, 2]]);
    }
    // The other work ran before the last handlers had the first message.
    expect(events).toEqual(['other work, handler 249 had 0']);
    await bus.close();
  });

  test('a message with few handlers is handed out at once', async () => {
    const bus = memoryBus();
    const got: unknown[] = [];
    bus.on('topic', (detail) => got.push(detail));
    await bus.publish('topic', { n: 1 });
    expect(got).toEqual([{ n: 1 }]);
    await bus.close();
  });
});
