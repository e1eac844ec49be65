// Percentiles and medians (nearest-rank on a sorted copy).

export function percentile(values, p) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export const median = (values) => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const round = (v, digits = 2) => (v === null || v === undefined || Number.isNaN(v) ? null : Number(v.toFixed(digits)));

/** Largest number of timestamps (ms) inside any half-open window [t, t + windowMs). */
export function maxInWindow(stamps, windowMs) {
  const s = [...stamps].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    while (s[i] - s[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
