import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';

export class ApplyProposalsDto {
  @ApiPropertyOptional({
    type: [String],
    description:
      'the points to apply; default: every point assessed adopted or partly that has a proposed wording and was ' +
      'not applied yet',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  commentIds?: string[];
}

export class AppliedProposalView {
  @ApiProperty() commentId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ nullable: true, type: String }) randnummer: string | null;
  @ApiProperty({ description: 'the tracked change’s key for POST /drafts/:id/changes/decisions' })
  changeKey: string;
}

export class SkippedProposalView {
  @ApiProperty() commentId: string;
  @ApiProperty({
    enum: [
      'not_found',
      'not_adopted',
      'already_applied',
      'no_proposal',
      'no_anchor',
      'no_such_block',
      'not_a_paragraph',
      'crosses_paragraphs',
      'text_changed',
      'pending_changes',
      'overlaps',
    ],
  })
  reason: string;
  @ApiProperty() message: string;
}

export class ProposalsAppliedView {
  @ApiProperty() draftId: string;
  @ApiProperty({ description: 'the draft’s version with the proposals in it' }) version: number;
  @ApiProperty({ type: [AppliedProposalView] }) applied: AppliedProposalView[];
  @ApiProperty({ type: [SkippedProposalView] }) skipped: SkippedProposalView[];
}
