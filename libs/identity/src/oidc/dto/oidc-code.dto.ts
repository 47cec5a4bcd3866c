import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** The one-time code the callback handed to the browser client. */
export class OidcCodeDto {
  @ApiProperty()
  @IsString()
  @Length(20, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code must be a code from the sign-in' })
  code: string;
}
