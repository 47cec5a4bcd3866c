import type { Caller } from '@runde/identity';
import { TokenBucket } from './token-bucket';

/** What the server keeps per connection. */
export interface SocketSession {
  caller: Caller;
  tokenExpiresAt: number;
  expiryTimers: Array<ReturnType<typeof setTimeout>>;
  bucket: TokenBucket;
  typingBucket: TokenBucket;
}
