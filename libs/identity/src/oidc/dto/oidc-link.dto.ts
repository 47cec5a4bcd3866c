import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OidcCodeDto } from './oidc-code.dto';

/** The linking step: the one-time code and the existing account's password. */
export class OidcLinkDto extends OidcCodeDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  password: string;
}
