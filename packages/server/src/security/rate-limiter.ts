export type RateLimitSettings = {
  /** Requests allowed in a burst. */
  readonly burst: number;
  /** Sustained requests per minute. */
  readonly perMinute: number;
};

export type RateLimitDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/** A token bucket per key (user or client address). */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();
  private readonly settings: RateLimitSettings;
  private readonly nowMs: () => number;

  constructor(settings: RateLimitSettings, nowMs: () => number = () => Date.now()) {
    this.settings = settings;
    this.nowMs = nowMs;
  }

  take(key: string): RateLimitDecision {
    const now = this.nowMs();
    const perMs = this.settings.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.burst, updatedMs: now };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + (now - bucket.updatedMs) * perMs);
    bucket.updatedMs = now;
    if (this.buckets.size > 10_000) this.prune(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  private prune(now: number): void {
    const fullAfterMs = this.settings.burst / (this.settings.perMinute / 60_000);
    for (const [key, bucket] of this.buckets) if (now - bucket.updatedMs > fullAfterMs) this.buckets.delete(key);
  }
}
