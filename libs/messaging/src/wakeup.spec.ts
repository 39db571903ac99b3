import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await Promise.resolve();
    return () => done;
  };

  it('waits the whole pause when nobody calls', async () => {
    const isDone = await settled(new Wakeup().pause(1000, true));
    jest.advanceTimersByTime(999);
    await Promise.resolve();
    expect(isDone()).toBe(false);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(isDone()).toBe(true);
  });

  it('ends the pause at a notify(), and keeps a notify() that came while busy for the next pause', async () => {
    const wakeup = new Wakeup();
    const isDone = await settled(wakeup.pause(60_000, true));
    wakeup.notify();
    await Promise.resolve();
    expect(isDone()).toBe(true);

    wakeup.notify();
    expect(await settled(wakeup.pause(60_000, true)).then((done) => done())).toBe(true);
    expect(await settled(wakeup.pause(60_000, true)).then((done) => done())).toBe(false);
  });

  it('does not pause a loop that is stopping', async () => {
    expect(await settled(new Wakeup().pause(60_000, false)).then((done) => done())).toBe(true);
  });
});
