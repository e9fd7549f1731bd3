// Medians and p90 of many first-response times without sorting them all.

/**
 * PostgreSQL's percentile_cont: linear interpolation between the closest
 * ranks, `v[lo] + (v[hi] - v[lo]) * (rank - lo)` with rank = p × (n − 1) —
 * found by selection (reorders `values`), without sorting them all.
 */
export function percentiles(values: Float64Array, ps: number[]): (number | null)[] {
  if (!values.length) return ps.map(() => null);
  return ps.map((p) => {
    const rank = p * (values.length - 1);
    const lo = Math.floor(rank);
    const low = select(values, lo);
    if (rank === lo) return low;
    // Everything after `lo` is now ≥ values[lo]: the next rank is their least.
    let high = Infinity;
    for (let i = lo + 1; i < values.length; i++) if (values[i]! < high) high = values[i]!;
    return low + (high - low) * (rank - lo);
  });
}

/** The k-th smallest (0-based), moved to index k with smaller ones before it and larger after (Hoare's selection). */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as the pivot: sorted input stays linear.
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
