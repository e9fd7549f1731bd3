import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { Responsiveness as Figures } from '$lib/types';
import Responsiveness from './Responsiveness.svelte';

const html = (figures: Partial<Figures>) =>
  render(Responsiveness as unknown as Component<{ figures: Figures }>, {
    props: {
      figures: {
        categoryId: 1,
        slug: 'bugs',
        targetSeconds: 900,
        windowDays: 30,
        since: '2026-11-01T00:00:00.000Z',
        obligations: 0,
        met: 0,
        breached: 0,
        compliance: null,
        medianSeconds: null,
        ...figures,
      },
    },
  }).body;

describe("a board's responsiveness", () => {
  it('shows no percentage for a handful of posts: one late answer is not a "0%" board', () => {
    const one = html({ obligations: 1, breached: 1, compliance: 0 });
    expect(one).not.toContain('0%');
    expect(one).toContain('A score shows once 5 posts have been counted (1 so far)');
  });

  it('shows the percentage once enough posts were counted', () => {
    const out = html({ obligations: 6, met: 5, breached: 1, compliance: 5 / 6, medianSeconds: 300 });
    expect(out).toContain('83%');
  });
});
