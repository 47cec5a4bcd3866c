import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { PG_INT_MAX } from '@runde/platform';

export class MarkReadDto {
  @ApiProperty({
    minimum: 0,
    description:
      'Highest post seq the caller has seen; a marker never moves back, and stops at the last post',
    example: 12,
  })
  @IsInt()
  @Min(0)
  @Max(PG_INT_MAX)
  seq: number;
}
