import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsOmittable, IsUuid, PageQueryDto, trimString } from '@runde/platform';
import { ROLES, type Role } from '../entities/membership.entity';

export class CreateGroupDto {
  @ApiProperty({ example: 'AG Sprachförderung' })
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateGroupDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class AddMemberDto {
  @ApiProperty()
  @IsUuid()
  userId: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class CreateInvitationDto {
  @ApiProperty()
  @Transform(trimString)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

/** A page of a group's members, optionally only those whose name or organisation contains `q`. */
export class MembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Part of a name or organisation (case-insensitive), e.g. for @mentions',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;
}
