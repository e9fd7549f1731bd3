/** Shared geometry for the inline SVG charts (no chart library: a few rectangles). */
export const CHART = { width: 640, height: 200, padTop: 12, padBottom: 36, padLeft: 36, padRight: 8 };
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
