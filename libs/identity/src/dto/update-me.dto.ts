import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { IsOmittable } from '@runde/platform';

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null to clear' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  organisationId?: string | null;

  @ApiPropertyOptional({ enum: ['de', 'en'] })
  @IsOmittable()
  @IsIn(['de', 'en'])
  locale?: 'de' | 'en';
}
