import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { trimString } from '@runde/platform';

export class RegisterDto {
  @ApiProperty({ example: 'anna.meier@landkreis-beispiel.de' })
  @Transform(trimString)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MaxLength(1000)
  password: string;

  @ApiProperty({ example: 'Anna Meier' })
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiPropertyOptional({ description: 'Organisation of the person (see GET /api/v1/organisations)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Token from an invitation email: joins its group' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  invitationToken?: string;

  @ApiPropertyOptional({ enum: ['de', 'en'] })
  @IsOptional()
  @IsIn(['de', 'en'])
  locale?: 'de' | 'en';
}
