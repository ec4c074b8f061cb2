import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

/** A writer whose batches finish only when the test says so. */
function controlledWriter(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const finishers: Array<() => void> = [];
  const write = (items: number[]): Promise<number[]> => {
    batches.push(items);
    return new Promise((resolve, reject) => {
      finishers.push(() => (items.some(fail) ? reject(new Error(`bad item in ${items.join(',')}`)) : resolve(items.map((i) => i * 10))));
    });
  };
  const finishAll = async (): Promise<void> => {
    while (finishers.length > 0) {
      finishers.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { batches, write, finishAll };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes a lone item at once, by itself', async () => {
    const writer = controlledWriter();
    const group = new GroupCommit(writer.write, { maxBatch: 10, parallel: 1 });
    const result = group.submit(1);
    await tick();
    expect(writer.batches).toEqual([[1]]);
    await writer.finishAll();
    await expect(result).resolves.toBe(10);
  });

  it('gathers what arrives while a batch is being written into the next batch, in order', async () => {
    const writer = controlledWriter();
    const group = new GroupCommit(writer.write, { maxBatch: 10, parallel: 1 });
    const first = group.submit(1);
    await tick();
    const later = [2, 3, 4].map((i) => group.submit(i));
    await tick();
    expect(writer.batches).toEqual([[1]]);
    await writer.finishAll();
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
    await expect(Promise.all([first, ...later])).resolves.toEqual([10, 20, 30, 40]);
  });

  it('puts items submitted in one tick into one batch and never more than maxBatch', async () => {
    const writer = controlledWriter();
    const group = new GroupCommit(writer.write, { maxBatch: 3, parallel: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((i) => group.submit(i));
    await tick();
    expect(writer.batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await writer.finishAll();
    expect(writer.batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it('writes the items of a failed batch one by one, so only the bad one fails', async () => {
    const writer = controlledWriter((item) => item === 3);
    const group = new GroupCommit(writer.write, { maxBatch: 10, parallel: 1 });
    const results = [1, 2, 3, 4].map((i) => group.submit(i).then((r) => `ok ${r}`, (err: Error) => `failed: ${err.message}`));
    await tick();
    await writer.finishAll();
    await expect(Promise.all(results)).resolves.toEqual(['ok 10', 'ok 20', 'failed: bad item in 3', 'ok 40']);
    expect(writer.batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
  });
});
