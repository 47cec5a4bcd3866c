import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { NumberingService } from './numbering.service';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller()
export class NumberingController {
  constructor(private readonly numbering: NumberingService) {}

  @Get('drafts/:draftId/blocks')
  @ApiOperation({ summary: 'The draft’s blocks in order with their stable ids and Randnummern' })
  blocks(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.numbering.blocks(caller, draftId);
  }

  @Post('drafts/:draftId/renumber')
  @HttpCode(200)
  @ApiOperation({ summary: 'Count the Randnummern 1, 2, 3, … again (owners and moderators)' })
  renumber(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.numbering.renumber(caller, draftId);
  }
}
