import { describe, expect, it } from 'vitest';
import { requestLogLevel } from './request-log.ts';

describe('requestLogLevel', () => {
  it('keeps everyday requests at debug, and raises what someone should look at', () => {
    expect(requestLogLevel(200, 3, 1000)).toBe('debug');
    expect(requestLogLevel(304, 3, 1000)).toBe('debug');
    expect(requestLogLevel(404, 3, 1000)).toBe('debug');
    expect(requestLogLevel(429, 3, 1000)).toBe('debug');
    expect(requestLogLevel(400, 3, 1000)).toBe('info');
    expect(requestLogLevel(413, 3, 1000)).toBe('info');
    expect(requestLogLevel(200, 1000, 1000)).toBe('info');
    expect(requestLogLevel(500, 3, 1000)).toBe('error');
    expect(requestLogLevel(503, 5000, 1000)).toBe('error');
  });
});
