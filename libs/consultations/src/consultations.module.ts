import { Module } from '@nestjs/common';
import { DraftsModule } from '@runde/drafts';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';
import { ConsultationScopes } from './consultation-scopes';
import { ConsultationDueJobs } from './jobs/consultation-due';
import { ConsultationJobs } from './jobs/consultation-jobs';
import { OrganisationRoles } from './organisation-roles';
import { ApplyProposalsService } from './synopsis/apply-proposals.service';
import { ConsultedTexts } from './synopsis/consulted-text';
import { SynopsisController } from './synopsis/synopsis.controller';
import { SynopsisExports } from './synopsis/synopsis-exports';
import { SynopsisService } from './synopsis/synopsis.service';

/**
 * Consultation rounds (Anhörung / Abfrage) addressed to organisations: deadlines, reminders, statements with
 * Mitzeichnung, Fehlanzeige, the board, assessments and the Synopse.
 */
@Module({
  imports: [DraftsModule],
  controllers: [ConsultationsController, SynopsisController],
  providers: [
    ConsultationsService,
    ConsultationJobs,
    ConsultationDueJobs,
    OrganisationRoles,
    ConsultationScopes,
    ConsultedTexts,
    SynopsisService,
    SynopsisExports,
    ApplyProposalsService,
  ],
  exports: [ConsultationsService, ConsultationJobs, ConsultationDueJobs, OrganisationRoles],
})
export class ConsultationsModule {}
