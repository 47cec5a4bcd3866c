import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { UpdateMeDto } from '../dto/update-me.dto';
import { MeService } from './me.service';

export class EraseMeDto {
  @ApiPropertyOptional({
    description:
      'Current password, to confirm; required for an account with a password. An account without one (made by ' +
      'single sign-on) confirms with a sign-in through its provider in the last 10 minutes instead',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOperation({
    summary:
      'The signed-in user; `passwordSet`: false for an account made by single sign-on that has no password',
  })
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
    summary:
      'Erase the account (GDPR Art. 17): personal data removed, posts stay as "deleted account". Confirmed with the ' +
      'password (403 PASSWORD_MISMATCH), or for an account without one by this session being a sign-in through ' +
      'the provider in the last 10 minutes (403 RECENT_SIGN_IN_REQUIRED)',
  })
  async erase(@CurrentUser() caller: Caller, @Body() dto: EraseMeDto): Promise<void> {
    await this.me.erase(caller, dto.password);
  }
}
