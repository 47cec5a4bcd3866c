import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ConfirmPasswordResetDto } from '../dto/confirm-password-reset.dto';
import { RequestPasswordResetDto } from '../dto/request-password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Public()
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Forgotten password: mails a single-use link (60 minutes) if the address has an account → 202, the same answer either way',
  })
  request(@Body() dto: RequestPasswordResetDto, @Ip() ip: string) {
    return this.resets.request(dto, ip);
  }

  @Post('confirm')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Set a new password with the token of the link → 204; every device is signed out. RESET_LINK_INVALID, _USED or _EXPIRED → 400',
  })
  async confirm(@Body() dto: ConfirmPasswordResetDto, @Ip() ip: string): Promise<void> {
    await this.resets.confirm(dto, ip);
  }
}
