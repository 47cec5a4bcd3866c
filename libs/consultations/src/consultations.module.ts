import { Module } from '@nestjs/common';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';
import { ConsultationScopes } from './consultation-scopes';
import { ConsultationDueJobs } from './jobs/consultation-due';
import { ConsultationJobs } from './jobs/consultation-jobs';
import { OrganisationRoles } from './organisation-roles';

/**
 * Consultation rounds (Anhörung / Abfrage) addressed to organisations: deadlines, reminders, statements with
 * Mitzeichnung, Fehlanzeige, the board, assessments and the Synopse.
 */
@Module({
  controllers: [ConsultationsController],
  providers: [
    ConsultationsService,
    ConsultationJobs,
    ConsultationDueJobs,
    OrganisationRoles,
    ConsultationScopes,
  ],
  exports: [ConsultationsService, ConsultationJobs, ConsultationDueJobs, OrganisationRoles],
})
export class ConsultationsModule {}
