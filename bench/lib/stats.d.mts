export function percentile(values: number[], p: number): number | null;
export function median(values: number[]): number | null;
export function round(v: number | null | undefined, digits?: number): number | null;
export function maxInWindow(stamps: number[], windowMs: number): number;
