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

describe('the public notice of a wait for staff', () => {
  it('says plainly that an overdue post is late and that staff were alerted, not "usually within 15 minutes"', () => {
    const late = html({ state: 'breached' });
    expect(late).toContain('Later than we promised');
    expect(late).toContain('The team has been alerted');
    expect(late).toContain('7 days');
    expect(late).not.toContain('Staff usually answer within');
  });

  it('states the promise while it can still be kept', () => {
    const open = html({ state: 'open', openedAt: new Date(Date.now() - 120_000).toISOString() });
    expect(open).toContain('Staff usually answer within 15 minutes');
    expect(open).not.toContain('Later than we promised');
  });
});
