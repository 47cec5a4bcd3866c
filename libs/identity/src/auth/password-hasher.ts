import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '@runde/platform';

/** argon2id with the library's recommended cost by default (64 MiB, 3 passes); see ARGON2_MEMORY_KIB. */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.config.ARGON2_MEMORY_KIB });
  }

  /** Verifies; with no hash (unknown account) it still spends the time of a real check, so timing tells nothing. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    const target = hash || (await this.dummy);
    try {
      const ok = await argon2.verify(target, password);
      return ok && !!hash;
    } catch {
      return false;
    }
  }
}
