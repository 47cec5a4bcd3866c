import type { Transaction } from '@runde/events';

/**
 * How identity redeems an invitation during registration, without knowing about groups:
 * the groups lib provides this port.
 */
export const INVITATION_REDEEMER = Symbol('INVITATION_REDEEMER');

export interface InvitationRedeemer {
  /** Checks the token for this email and, if valid, marks it used and makes the user a member, in `tx`. */
  redeem(token: string, email: string, userId: string, tx: Transaction): Promise<void>;
}
