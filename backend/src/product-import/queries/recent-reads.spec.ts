import { RecentReads } from './recent-reads';

describe('RecentReads', () => {
  let now = 0;
  const reads = (readAheadAfterMs?: number) => new RecentReads<string>(200, { readAheadAfterMs, now: () => now });
  beforeEach(() => (now = 1_000));

  it('answers callers within the window from one read', async () => {
    const sut = reads();
    const read = jest.fn(async () => 'job v1');

    const answers = await Promise.all([sut.get('a', read), sut.get('a', read)]);
    now += 199;
    answers.push(await sut.get('a', read));

    expect(answers).toEqual(['job v1', 'job v1', 'job v1']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again once the window has passed, and keeps keys apart', async () => {
    const sut = reads();
    await sut.get('a', async () => 'job v1');
    now += 200;

    expect(await sut.get('a', async () => 'job v2')).toBe('job v2');
    expect(await sut.get('b', async () => 'other job')).toBe('other job');
  });

  it('does not hand a failed read to later callers', async () => {
    const sut = reads();
    await expect(sut.get('a', async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');

    expect(await sut.get('a', async () => 'job v1')).toBe('job v1');
  });

  it('past the read-ahead point starts the next read, answering with the current value meanwhile, and the next one once done', async () => {
    const sut = reads(100);
    await sut.get('a', async () => 'job v1');
    now += 150;
    let finish!: (value: string) => void;
    const next = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));

    expect(await sut.get('a', next)).toBe('job v1');
    expect(await sut.get('a', next)).toBe('job v1');
    expect(next).toHaveBeenCalledTimes(1);
    finish('job v2');
    await Promise.resolve();
    now += 100; // the first read's window has closed; the second's is open
    expect(await sut.get('a', async () => 'job v3')).toBe('job v2');
  });

  it('when the window closes with the read ahead still under way, callers wait for it rather than read again', async () => {
    const sut = reads(100);
    await sut.get('a', async () => 'job v1');
    now += 150;
    let finish!: (value: string) => void;
    void sut.get('a', () => new Promise<string>((resolve) => (finish = resolve)));
    now += 60;
    const again = jest.fn(async () => 'job v3');

    const answer = sut.get('a', again);
    finish('job v2');

    expect(await answer).toBe('job v2');
    expect(again).not.toHaveBeenCalled();
  });

  it('after a failed read ahead, the current value is served only until its window closes', async () => {
    const sut = reads(100);
    await sut.get('a', async () => 'job v1');
    now += 150;
    expect(await sut.get('a', async () => Promise.reject(new Error('connection lost')))).toBe('job v1');
    await Promise.resolve();
    now += 50;

    await expect(sut.get('a', async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
  });
});
