import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { CreateSuggestionDto, RejectSuggestionDto } from '../dto/drafts.dto';
import { SuggestionsService } from './suggestions.service';

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('drafts/:draftId/suggestions')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Post()
  @ApiOperation({ summary: 'Suggest a replacement for a range of the text, with a rationale' })
  create(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Body() dto: CreateSuggestionDto,
  ) {
    return this.suggestions.create(caller, draftId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Suggestions with their anchors and decisions' })
  list(@CurrentUser() caller: Caller, @Param('draftId', UuidPipe) draftId: string) {
    return this.suggestions.list(caller, draftId);
  }

  @Post(':suggestionId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept: applied as an edit, recorded as a decision with the resulting revision' })
  accept(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Param('suggestionId', UuidPipe) suggestionId: string,
  ) {
    return this.suggestions.accept(caller, draftId, suggestionId);
  }

  @Post(':suggestionId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason, recorded as a decision' })
  reject(
    @CurrentUser() caller: Caller,
    @Param('draftId', UuidPipe) draftId: string,
    @Param('suggestionId', UuidPipe) suggestionId: string,
    @Body() dto: RejectSuggestionDto,
  ) {
    return this.suggestions.reject(caller, draftId, suggestionId, dto.reason);
  }
}
