// Loaded with `node --import` by shutdown.test.ts only: faults that no code
// path of the server produces on purpose. KAKERA_TEST_FAULTS lists them;
// each SIGUSR2 fires the next one, so that the test decides when, without
// waiting for time.

const faults = (process.env.KAKERA_TEST_FAULTS ?? '').split(',').filter(Boolean);

process.on('SIGUSR2', () => {
  const fault = faults.shift();
  if (fault === 'rejection') void Promise.reject(new Error('test fault: a promise nobody awaits'));
  if (fault === 'exception')
    setImmediate(() => {
      throw new Error('test fault: an exception nobody catches');
    });
});

if (faults.includes('block-exit')) {
  // What pino's synchronous flush did with a stdout that took nothing: the
  // main thread stuck for good inside process.exit, where no timer can run.
  process.on('exit', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
}
