import type { Transaction } from '@runde/events';

/**
 * A domain that stores personal data contributes to the export and to erasure (GDPR). Each domain lib registers
 * one with `PersonalDataRegistry.register` when its module starts.
 */
export interface PersonalDataContributor {
  /** Key of this part in the export, e.g. `posts`. */
  readonly key: string;
  exportFor(userId: string): Promise<unknown>;
  /** Removes or anonymises this domain's personal data of the user, inside the erasure transaction. */
  eraseFor(userId: string, tx: Transaction): Promise<void>;
}

export class PersonalDataRegistry {
  private readonly contributors: PersonalDataContributor[] = [];
  register(contributor: PersonalDataContributor): void {
    this.contributors.push(contributor);
  }
  list(): readonly PersonalDataContributor[] {
    return this.contributors;
  }
}
