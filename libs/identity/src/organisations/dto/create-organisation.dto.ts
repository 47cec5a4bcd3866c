import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Stadt Rottenburg am Neckar' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({
    enum: ['town', 'other'],
    description: 'The register’s other kinds come with every installation',
  })
  @IsIn(['town', 'other'])
  kind: 'town' | 'other';

  @ApiPropertyOptional({ description: 'A town’s district (a Stadtkreis or Landkreis); required for towns' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({
    example: '08416041',
    description: 'Amtlicher Gemeindeschlüssel: 8 digits (towns only)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{8}$/, { message: 'ags must be 8 digits' })
  ags?: string;
}
