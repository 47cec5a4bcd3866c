import { Injectable } from '@nestjs/common';
import { streamName, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { DraftEntity } from '../entities/draft.entity';
import { DraftReader } from './draft-reader';
import {
  EditPolicy,
  EffectiveEditPolicy,
  effectiveEditPolicy,
  POLICY_ROLES,
  POLICY_STATUSES,
} from './edit-policy';

/**
 * A draft's edit policy: who may edit, suggest (tracked changes), comment or read in which status. Everyone who
 * reads the draft sees it; owners and moderators (and platform admins) replace its overrides.
 */
@Injectable()
export class EditPolicyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
  ) {}

  async get(caller: Caller, draftId: string): Promise<EffectiveEditPolicy> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    return effectiveEditPolicy((await this.reader.draft(draftId)).editPolicy);
  }

  /**
   * Replaces the overrides (what `input` leaves out is the default again). Live writers pick the change up with
   * their next update: the commit checks the policy it admitted them under (DraftWriter).
   */
  async put(caller: Caller, draftId: string, input: EditPolicy): Promise<EffectiveEditPolicy> {
    await this.policy.assert(caller, 'moderate', 'draft', draftId, 'Draft');
    const stored = overridesOf(input);
    return this.uow.run(async (tx) => {
      await this.reader.lock(draftId, tx.manager);
      await tx.manager.update(DraftEntity, { id: draftId }, { editPolicy: stored });
      const policy = effectiveEditPolicy(stored);
      tx.append(streamName('draft', draftId), 'draft.edit_policy_changed', { draftId, policy }, caller.id);
      return policy;
    });
  }
}

/** Only the entries that differ from the defaults (null: none), in a fixed key order. */
function overridesOf(input: EditPolicy): EditPolicy | null {
  const defaults = effectiveEditPolicy(null);
  const out: EditPolicy = {};
  for (const status of POLICY_STATUSES) {
    for (const role of POLICY_ROLES) {
      const mode = input[status]?.[role];
      if (mode && mode !== defaults[status][role]) (out[status] ??= {})[role] = mode;
    }
  }
  return Object.keys(out).length ? out : null;
}
