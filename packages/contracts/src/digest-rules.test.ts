import { describe, expect, it } from 'vitest';
import { describeDigestChange } from './digest-rules.ts';

describe('how a digest figure compares with its base', () => {
  it('points the arrow the way it moved and colours it by whether that is good', () => {
    expect(describeDigestChange('newPosts', 120, 100)).toEqual({ direction: 'up', delta: 20, relative: 0.2, tone: 'good' });
    expect(describeDigestChange('breached', 3, 1)).toEqual({ direction: 'up', delta: 2, relative: 2, tone: 'bad' });
    expect(describeDigestChange('medianFirstResponseSeconds', 300, 600)).toMatchObject({
      direction: 'down',
      delta: -300,
      relative: null,
      tone: 'good',
    });
    expect(describeDigestChange('compliance', 0.9, 0.95)).toMatchObject({ direction: 'down', relative: null, tone: 'bad' });
    expect(describeDigestChange('obligations', 10, 5)).toMatchObject({ direction: 'up', tone: 'neutral' });
  });

  it('says nothing moved when nothing did, and nothing at all when a side is missing', () => {
    expect(describeDigestChange('met', 4, 4)).toEqual({ direction: 'same', delta: 0, relative: 0, tone: 'neutral' });
    expect(describeDigestChange('compliance', null, 0.5)).toEqual({ direction: null, delta: null, relative: null, tone: 'neutral' });
    // From nothing: no percentage.
    expect(describeDigestChange('newThreads', 3, 0)).toEqual({ direction: 'up', delta: 3, relative: null, tone: 'good' });
  });
});
