import { ReadAhead } from './read-ahead';

describe('ReadAhead', () => {
  it('keeps up to its depth of reads in flight, in order', async () => {
    const started: number[] = [];
    const reads = new ReadAhead(2, async (chunk: number) => {
      started.push(chunk);
      return chunk * 10;
    });
    [1, 2, 3, 4].forEach((chunk) => reads.add(chunk));

    expect(started).toEqual([1, 2]);
    expect(await reads.next()).toBe(10);
    expect(started).toEqual([1, 2, 3]);
    expect([await reads.next(), await reads.next(), await reads.next(), await reads.next()]).toEqual([20, 30, 40, null]);
  });

  it('starts no read after one failed', async () => {
    const started: number[] = [];
    const reads = new ReadAhead(2, async (chunk: number) => {
      started.push(chunk);
      if (chunk === 1) throw new Error('connection killed');
      return chunk;
    });
    [1, 2, 3, 4].forEach((chunk) => reads.add(chunk));

    await expect(reads.next()).rejects.toThrow('connection killed');
    await new Promise((resolve) => setImmediate(resolve));

    expect(started).toEqual([1, 2]);
  });
});
