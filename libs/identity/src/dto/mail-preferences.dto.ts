import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsTimeZone, Max, Min } from 'class-validator';
import { IsOmittable } from '@runde/platform';

/** When the digests go out; what is left out keeps its value. */
export class UpdateMailPreferencesDto {
  @ApiPropertyOptional({ description: 'IANA time zone of the digest hour', example: 'Europe/Berlin' })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Hour of the day (0–23) the digests go out', example: 7 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;

  @ApiPropertyOptional({ description: 'Day of the weekly digest: 1 Monday … 7 Sunday', example: 1 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(7)
  digestWeekday?: number;
}
