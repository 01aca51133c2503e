import { InMemoryCatalog, InMemoryLookbook, product } from '../testing/in-memory-ports';
import { RemainingCount } from './remaining-count';

const CURSOR = 'last_successful_source_id';

function setup() {
  const catalog = new InMemoryCatalog(Array.from({ length: 10 }, (_, i) => product(i + 1)));
  const lookbook = new InMemoryLookbook();
  const sut = new RemainingCount(catalog, lookbook, { magento: { stateQueryTimeoutMs: 1_000 } as never });
  let now = 1_000_000;
  sut.now = () => now;
  const counts = jest.spyOn(catalog, 'countEligible');
  return { catalog, lookbook, sut, counts, advance: (ms: number) => (now += ms), at: () => now };
}

/** Lets the background count started by the previous call finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The first request starts the count without waiting for it; this one waits until it is kept. */
async function counted(sut: RemainingCount) {
  await sut.at(0);
  await settle();
}

describe('RemainingCount', () => {
  it('answers the first request at once as being counted, without waiting for the count, and has the exact count next', async () => {
    const { sut, catalog, at } = setup();
    let finishCount: () => void = () => undefined;
    const countEligible = catalog.countEligible.bind(catalog);
    catalog.countEligible = (query) => new Promise((resolve) => (finishCount = () => resolve(countEligible(query))));

    expect(await sut.at(0)).toEqual({ remaining: null, estimated: false, countedAt: null, counting: true });
    expect(await sut.at(0)).toEqual({ remaining: null, estimated: false, countedAt: null, counting: true });
    finishCount();
    await settle();

    expect(await sut.at(0)).toEqual({ remaining: 10, estimated: false, countedAt: new Date(at()), counting: false });
  });

  it('answers a moved cursor at once from the last count less what was imported, labelled, and has the exact count next', async () => {
    const { sut, lookbook, counts, at } = setup();
    const countedAt = at();
    await counted(sut);
    for (const id of [1, 2, 3, 4]) lookbook.seed(product(id));
    lookbook.meta.set(CURSOR, '4');

    const estimate = await sut.at(4);
    await settle();
    const next = await sut.at(4);

    expect(estimate).toEqual({ remaining: 6, estimated: true, countedAt: new Date(countedAt), counting: false });
    expect(next).toEqual({ remaining: 6, estimated: false, countedAt: new Date(at()), counting: false });
    expect(counts).toHaveBeenCalledTimes(2);
  });

  it('does not recount while a job runs (the cursor moves with every chunk), and recounts once it is over', async () => {
    const { sut, lookbook, counts } = setup();
    await counted(sut);
    for (const id of [1, 2, 3]) lookbook.seed(product(id));

    expect(await sut.at(3, { jobRunning: true })).toMatchObject({ remaining: 7, estimated: true });
    await settle();
    expect(await sut.at(3, { jobRunning: true })).toMatchObject({ remaining: 7, estimated: true });
    expect(counts).toHaveBeenCalledTimes(1);

    expect(await sut.at(3)).toMatchObject({ remaining: 7, estimated: true });
    await settle();
    expect(await sut.at(3)).toMatchObject({ remaining: 7, estimated: false });
    expect(counts).toHaveBeenCalledTimes(2);
  });

  it('gives a count for the same cursor as exact while it is fresh: "about" only while a recount is on its way', async () => {
    const { sut, counts, advance } = setup();
    await sut.at(0);
    advance(15_000);

    expect(await sut.at(0)).toMatchObject({ remaining: 10, estimated: false });
    await settle();
    expect(counts).toHaveBeenCalledTimes(1);
  });

  it('labels a count for the same cursor as an estimate once it is old, and recounts it in the background', async () => {
    const { sut, catalog, counts, advance } = setup();
    await counted(sut);
    catalog.remove(10);
    advance(31_000);

    expect(await sut.at(0)).toMatchObject({ remaining: 10, estimated: true });
    await settle();
    expect(await sut.at(0)).toMatchObject({ remaining: 9, estimated: false });
    expect(counts).toHaveBeenCalledTimes(2);
  });

  it('keeps the last count when a recount fails, and answers with the failure only while nothing was ever counted', async () => {
    const { sut, catalog, advance } = setup();
    const busy = Object.assign(new Error('Query execution was interrupted'), { errno: 1969 });
    const countEligible = catalog.countEligible.bind(catalog);
    catalog.countEligible = async () => Promise.reject(busy);
    expect(await sut.at(0)).toMatchObject({ remaining: null, counting: true });
    await settle();
    await expect(sut.at(0)).rejects.toThrow('Magento database');

    // That answer started another count, which is "being counted" until it ends.
    expect(await sut.at(0)).toMatchObject({ remaining: null, counting: true });
    catalog.countEligible = countEligible;
    await settle();
    await expect(sut.at(0)).rejects.toThrow('Magento database');
    await settle();
    expect(await sut.at(0)).toMatchObject({ remaining: 10, estimated: false });
    catalog.countEligible = async () => Promise.reject(busy);
    advance(31_000);

    expect(await sut.at(0)).toMatchObject({ remaining: 10, estimated: true });
    await settle();
    expect(await sut.at(0)).toMatchObject({ remaining: 10, estimated: true });
  });

  it('answers the first request as being counted, not with the failure, when the count at boot failed, and counts again', async () => {
    const { sut, catalog } = setup();
    const countEligible = catalog.countEligible.bind(catalog);
    catalog.countEligible = async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    sut.onApplicationBootstrap();
    for (let i = 0; i < 5; i++) await settle();
    catalog.countEligible = countEligible;

    expect(await sut.at(0)).toMatchObject({ remaining: null, counting: true });
    await settle();
    expect(await sut.at(0)).toMatchObject({ remaining: 10, estimated: false, counting: false });
  });
});
