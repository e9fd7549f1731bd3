/**
 * The digest's figures and how a change of one reads, without zod: the
 * browser bundle imports this file alone (`@kakera/contracts/digest-rules`),
 * so that the digest page draws its arrows without carrying the schemas.
 * digests.ts re-exports it, so there is one definition.
 */

/** The headline figures, in the order the digest shows them. */
export const DIGEST_FIGURES = [
  'newThreads',
  'newPosts',
  'activeFans',
  'staffResponses',
  'obligations',
  'met',
  'breached',
  'compliance',
  'medianFirstResponseSeconds',
  'resolved',
] as const;
export type DigestFigureName = (typeof DIGEST_FIGURES)[number];

/**
 * Which way is good for each figure, for the arrows' colours (web and
 * e-mail): more threads, posts, answers and solved problems is good, more
 * breaches and a longer median are bad; obligations opened are neither.
 */
export const DIGEST_POLARITY: Record<DigestFigureName, 'up' | 'down' | 'neutral'> = {
  newThreads: 'up',
  newPosts: 'up',
  activeFans: 'up',
  staffResponses: 'up',
  obligations: 'neutral',
  met: 'up',
  breached: 'down',
  compliance: 'up',
  medianFirstResponseSeconds: 'down',
  resolved: 'up',
};

export interface DigestChangeView {
  /** Which way the figure moved against the base; null when either is missing. */
  direction: 'up' | 'down' | 'same' | null;
  /** current − base (for compliance, in fractions: 0.021 is 2.1 points). */
  delta: number | null;
  /** (current − base) / base for counts, when base > 0; null for rates and durations. */
  relative: number | null;
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * How a figure compares with its base (the day before, or the 7-day
 * average), for the arrows and colours of the web page and the e-mail alike.
 */
export function describeDigestChange(name: DigestFigureName, current: number | null, base: number | null): DigestChangeView {
  if (current === null || base === null) return { direction: null, delta: null, relative: null, tone: 'neutral' };
  const delta = current - base;
  const direction = Math.abs(delta) < 1e-9 ? 'same' : delta > 0 ? 'up' : 'down';
  const rate = name === 'compliance' || name === 'medianFirstResponseSeconds';
  const polarity = DIGEST_POLARITY[name];
  const tone = direction === 'same' || polarity === 'neutral' ? 'neutral' : (direction === 'up') === (polarity === 'up') ? 'good' : 'bad';
  return { direction, delta, relative: !rate && base > 0 ? delta / base : null, tone };
}
