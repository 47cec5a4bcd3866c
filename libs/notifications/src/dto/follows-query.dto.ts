import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@runde/platform';
import type { FollowTarget } from '../entities/follow.entity';

export class FollowsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['thread', 'topic'], description: 'only follows of this kind' })
  @IsOptional()
  @IsIn(['thread', 'topic'])
  type?: FollowTarget;
}
