/** A file size for people, in the reader's language: "840 bytes", "12 kB", "3.4 MB" (Intl units, decimal). */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, value] =
    bytes < 1000
      ? (['byte', bytes] as const)
      : bytes < 1_000_000
        ? (['kilobyte', bytes / 1000] as const)
        : (['megabyte', bytes / 1_000_000] as const);
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}
