import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { CreateOrganisationDto } from './dto/create-organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The register of the network’s public bodies: ministry, associations, districts, towns (public)',
  })
  list() {
    return this.organisations.list();
  }

  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a town (with its district and AGS) or another body (platform admins)' })
  create(@CurrentUser() caller: Caller, @Body() dto: CreateOrganisationDto) {
    return this.organisations.create(caller, dto);
  }
}
