import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { OrganisationEntity } from '../entities/organisation.entity';
import { organisationView } from '../users.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The public bodies of the network (for the organisation picker)' })
  async list() {
    const rows = await this.dataSource
      .getRepository(OrganisationEntity)
      .find({ order: { kind: 'ASC', name: 'ASC' } });
    return { items: rows.map(organisationView), nextCursor: null };
  }
}
