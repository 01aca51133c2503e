import { RecentReads } from './recent-reads';

describe('RecentReads', () => {
  let now = 0;
  const reads = (staleForMs?: number) => new RecentReads<string>(200, { staleForMs, now: () => now });
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

  it('answers with the last completed read while a newer one is under way, when that one started within the stale window', async () => {
    const sut = reads(1_000);
    await sut.get('a', async () => 'job v1');
    now += 500;
    let finish!: (value: string) => void;
    const slow = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));

    expect(await sut.get('a', slow)).toBe('job v1');
    expect(slow).toHaveBeenCalledTimes(1);
    finish('job v2');
    await Promise.resolve();
    now += 200;
    expect(await sut.get('a', async () => 'job v3')).toBe('job v2');
  });

  it('waits for the new read once the last completed one started longer ago than the stale window', async () => {
    const sut = reads(1_000);
    await sut.get('a', async () => 'job v1');
    now += 1_000;

    expect(await sut.get('a', async () => 'job v2')).toBe('job v2');
  });

  it('hides a failed read behind the last value only until that value goes stale', async () => {
    const sut = reads(1_000);
    await sut.get('a', async () => 'job v1');
    now += 300;
    expect(await sut.get('a', async () => Promise.reject(new Error('connection lost')))).toBe('job v1');
    await Promise.resolve();
    now += 700;

    await expect(sut.get('a', async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
  });
});
