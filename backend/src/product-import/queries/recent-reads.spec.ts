import { RecentReads } from './recent-reads';

describe('RecentReads', () => {
  let now = 0;
  const reads = () => new RecentReads<string>(200, () => now);
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
});
