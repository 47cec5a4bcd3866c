import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { EditPolicyDto } from '../dto/edit-policy.dto';
import { EditPolicyService } from './edit-policy.service';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('drafts/:draftId/edit-policy')
export class EditPolicyController {
  constructor(private readonly policies: EditPolicyService) {}

  @Get()
  @ApiOperation({
    summary: 'Who may edit, suggest (tracked changes), comment or read in draft, consultation and revision',
  })
  get(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.policies.get(caller, draftId);
  }

  @Put()
  @ApiOperation({
    summary:
      'Override the defaults per status and role (owners, moderators); what is left out is the default',
  })
  put(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Body() dto: EditPolicyDto,
  ) {
    return this.policies.put(caller, draftId, dto);
  }
}
