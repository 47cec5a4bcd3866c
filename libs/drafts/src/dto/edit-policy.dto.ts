import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { EDIT_MODES, type EditMode } from '../drafts/edit-policy';

export class RoleModesDto {
  @ApiPropertyOptional({ enum: EDIT_MODES }) @IsOptional() @IsIn(EDIT_MODES) owner?: EditMode;
  @ApiPropertyOptional({ enum: EDIT_MODES }) @IsOptional() @IsIn(EDIT_MODES) moderator?: EditMode;
  @ApiPropertyOptional({ enum: EDIT_MODES }) @IsOptional() @IsIn(EDIT_MODES) member?: EditMode;
}

/** The overrides of a draft's edit policy (replacing the stored ones); what is left out is the default. */
export class EditPolicyDto {
  @ApiPropertyOptional({ type: RoleModesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RoleModesDto)
  draft?: RoleModesDto;
  @ApiPropertyOptional({ type: RoleModesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RoleModesDto)
  consultation?: RoleModesDto;
  @ApiPropertyOptional({ type: RoleModesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RoleModesDto)
  revision?: RoleModesDto;
}
