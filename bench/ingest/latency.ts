/** Latencies of one run, in milliseconds; percentiles by nearest rank. */
export class LatencyRecorder {
  private values: number[] = [];

  add(milliseconds: number): void {
    this.values.push(milliseconds);
  }

  get count(): number {
    return this.values.length;
  }

  summary(): { p50: number; p99: number; max: number; mean: number } {
    if (this.values.length === 0) return { p50: NaN, p99: NaN, max: NaN, mean: NaN };
    const sorted = Float64Array.from(this.values).sort();
    const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
    const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
    return { p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1]!, mean };
  }
}
