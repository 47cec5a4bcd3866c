import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '@runde/platform';

const booleanFlag = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class NotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'only unread notifications', type: Boolean })
  @IsOptional()
  @Transform(booleanFlag)
  @IsBoolean()
  unread?: boolean;
}
