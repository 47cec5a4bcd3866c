import type { Caller } from '@runde/identity';
import type { TokenBucket } from './token-bucket';

/** What the server keeps per connection (kept small: an api process holds thousands). */
export interface SocketSession {
  caller: Caller;
  /** When the access token runs out (ms since epoch); the gateway's expiry tick warns and then disconnects. */
  tokenExpiresAt: number;
  /** `token_expiring` was sent for the current token. */
  warned: boolean;
  /** Rate limits, made on the first message (an idle connection has none). */
  bucket?: TokenBucket;
  typingBucket?: TokenBucket;
}
