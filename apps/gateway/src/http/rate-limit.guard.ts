import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Keys remembered; past this the memo starts again (a key is only a hash, cheap to redo). */
const MAX_KEYS = 10_000;

/**
 * ThrottlerGuard with its storage keys remembered: the key is a SHA-256 of route, throttler and
 * client, the same for every request of a client to a route, and hashing it anew was a few per
 * cent of the gateway's CPU per request. Keys are exactly ThrottlerGuard's, so counts carry over.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly keys = new Map<string, string>();

  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    const raw = `${context.getClass().name}-${context.getHandler().name}-${name}-${suffix}`;
    let key = this.keys.get(raw);
    if (key === undefined) {
      if (this.keys.size >= MAX_KEYS) this.keys.clear();
      key = super.generateKey(context, suffix, name);
      this.keys.set(raw, key);
    }
    return key;
  }
}
