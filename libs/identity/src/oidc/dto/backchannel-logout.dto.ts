import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** What a provider posts (application/x-www-form-urlencoded) to end sessions. */
export class BackchannelLogoutDto {
  @ApiProperty({ description: 'The logout token (a JWT signed by the provider)' })
  @IsString()
  @Length(1, 8192)
  logout_token: string;
}
