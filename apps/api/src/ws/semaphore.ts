/** At most `slots` tasks run at once; the others wait in order. */
export function createSemaphore(slots: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    /** Tasks waiting for a slot (for tests and diagnostics). */
    get waiting() {
      return waiting.length;
    },
    get running() {
      return running;
    },
  };
}
