/**
 * The pause of a polling loop that notify() cuts short: the loop sleeps in it between rounds and goes on at once
 * when there is work. A notify() that comes while the loop is busy is not lost: the next pause returns at once.
 */
export class Wakeup {
  private wake: (() => void) | undefined;
  private woken = false;

  /** Waits up to `ms`; returns at once if notified since the last pause, or when the loop is no longer running. */
  pause(ms: number, running: boolean): Promise<void> {
    if (this.woken || !running) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  notify(): void {
    this.woken = true;
    this.wake?.();
  }
}
