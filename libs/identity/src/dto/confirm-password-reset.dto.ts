import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The token from the link in the mail' })
  @IsString()
  @Length(1, 200)
  token: string;

  @ApiProperty({
    minLength: 10,
    maxLength: 200,
    description: 'The new password (same rules as at registration)',
  })
  @IsString()
  @MaxLength(1000)
  newPassword: string;
}
