import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password now, to confirm' })
  @IsString()
  @Length(1, 1000)
  currentPassword: string;

  @ApiProperty({
    minLength: 10,
    maxLength: 200,
    description: 'The new password (same rules as at registration)',
  })
  @IsString()
  @MaxLength(1000)
  newPassword: string;
}
