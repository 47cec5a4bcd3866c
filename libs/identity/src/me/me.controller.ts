import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { UpdateMeDto } from '../dto/update-me.dto';
import { MeService } from './me.service';

export class EraseMeDto {
  @ApiProperty({ description: 'Current password, to confirm' })
  @IsString()
  @MaxLength(1000)
  password: string;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user' })
  get(@CurrentUser() caller: Caller) {
    return this.me.view(caller.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change display name, organisation or language' })
  update(@CurrentUser() caller: Caller, @Body() dto: UpdateMeDto) {
    return this.me.update(caller.id, dto);
  }

  @Get('export')
  @ApiOperation({ summary: 'Everything runde stores about the caller, as JSON (GDPR Art. 15/20)' })
  export(@CurrentUser() caller: Caller) {
    return this.me.export(caller.id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase the account (GDPR Art. 17): personal data removed, posts stay as "deleted account"',
  })
  async erase(@CurrentUser() caller: Caller, @Body() dto: EraseMeDto): Promise<void> {
    await this.me.erase(caller.id, dto.password);
  }
}
