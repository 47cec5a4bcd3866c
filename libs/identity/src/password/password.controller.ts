import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { ChangePasswordDto } from '../dto/change-password.dto';
import { PasswordService } from './password.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/password')
export class PasswordController {
  constructor(private readonly passwords: PasswordService) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Change the password with the current one → 204; other devices are signed out, this one stays. Wrong current password 403 CURRENT_PASSWORD_WRONG; throttled like sign-in',
  })
  async change(@CurrentUser() caller: Caller, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.passwords.change(caller, dto);
  }
}
