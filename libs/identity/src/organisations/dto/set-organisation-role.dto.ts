import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ORGANISATION_ROLES, type OrganisationRole } from '../../entities/organisation-member.entity';

export class SetOrganisationRoleDto {
  @ApiProperty({
    enum: ORGANISATION_ROLES,
    description: 'Confirms a request with this role, or changes a member’s role (deputy: Vertretung)',
  })
  @IsIn(ORGANISATION_ROLES)
  role: OrganisationRole;
}
