/** Shared geometry for the inline SVG charts (no chart library: a few rectangles). */
// Axis labels are HTML beside the SVG (ChartFrame.svelte), so they keep their size when the chart shrinks on a phone.
export const CHART = { width: 640, height: 180, padTop: 1, padBottom: 1, padLeft: 0, padRight: 0 };
/** The height bars grow in, between the paddings. */
export const PLOT_HEIGHT = CHART.height - CHART.padTop - CHART.padBottom;

export function bandWidth(count: number): number {
  return (CHART.width - CHART.padLeft - CHART.padRight) / Math.max(1, count);
}

/** A short label for a group key: MM-DD for days, else the label cut to fit. */
export function shortLabel(label: string, max = 10): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return label.slice(5);
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function percent(v: number | null, locale: string): string {
  return v === null ? '–' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
}

/** Roughly how wide `label` is at 12 px, in px: CJK characters are about twice as wide as Latin ones. */
export function labelWidth(label: string): number {
  return [...label].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 12 : 7.5), 0);
}

/** Show every `n`th of `labels` so that they fit side by side in `px` without overlapping. */
export function labelStep(labels: string[], px: number): number {
  const widest = Math.max(0, ...labels.map(labelWidth)) + 8;
  return Math.max(1, Math.ceil((labels.length * widest) / px));
}
