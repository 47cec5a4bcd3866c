import { AddresseeEntity } from './entities/addressee.entity';
import { ConsultationEntity } from './entities/consultation.entity';
import { StatementCommentEntity } from './entities/statement-comment.entity';
import { StatementEntity } from './entities/statement.entity';
import { ReminderEntity } from './entities/reminder.entity';
import { AppliedProposalEntity } from './synopsis/applied-proposal.entity';

export * from './entities/consultation.entity';
export * from './entities/addressee.entity';
export * from './entities/statement.entity';
export * from './entities/statement-comment.entity';
export * from './consultations.module';
export * from './consultations.service';
export * from './jobs/consultation-jobs';
export * from './jobs/consultation-due';
export * from './entities/reminder.entity';
export * from './organisation-roles';
export * from './synopsis/applied-proposal.entity';

export const CONSULTATIONS_ENTITIES = [
  ConsultationEntity,
  AddresseeEntity,
  StatementEntity,
  StatementCommentEntity,
  ReminderEntity,
  AppliedProposalEntity,
];
