import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { ThreadObligation } from '$lib/types';
import ObligationNotice from './ObligationNotice.svelte';

const html = (obligation: Partial<ThreadObligation>) =>
  render(ObligationNotice as unknown as Component<{ obligation: ThreadObligation }>, {
    props: {
      obligation: {
        id: 1,
        state: 'open',
        openedAt: new Date(Date.now() - 7 * 86400_000).toISOString(),
        warnAt: new Date().toISOString(),
        dueAt: new Date().toISOString(),
        targetSeconds: 900,
        respondedAt: null,
        ...obligation,
      } as ThreadObligation,
    },
  }).body;

/** The instants of a 15-minute wait that began `ago` ms from now (negative: in the past). */
const opened = (ago: number) => ({
  openedAt: new Date(Date.now() + ago).toISOString(),
  warnAt: new Date(Date.now() + ago + 600_000).toISOString(),
  dueAt: new Date(Date.now() + ago + 900_000).toISOString(),
});

describe('the public notice of a wait for staff', () => {
  it('says plainly that an overdue post is late and that staff were alerted, not "usually within 15 minutes"', () => {
    const late = html({ state: 'breached' });
    expect(late).toContain('Later than we promised');
    expect(late).toContain('The team has been alerted');
    expect(late).toContain('7 days');
    expect(late).not.toContain('Staff usually answer within');
  });

  it('states the promise while it can still be kept', () => {
    const open = html({ state: 'open', ...opened(-120_000) });
    expect(open).toContain('Staff usually answer within 15 minutes');
    expect(open).not.toContain('Later than we promised');
  });

  it('says it is late once its due instant has passed, though the page was served while it was open', () => {
    // The sweeper announces breaches to staff only: the notice follows the clock itself.
    const late = html({ state: 'open', ...opened(-901_000) });
    expect(late).toContain('Later than we promised');
    expect(late).not.toContain('Staff usually answer within');
  });
});
