import { Body, Controller, HttpCode, Ip, Post, Headers } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginDto, RefreshDto } from '../dto/login.dto';
import { RegisterDto } from '../dto/register.dto';
import { AuthService } from './auth.service';
import { Public } from './public.decorator';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @ApiOperation({
    summary: 'Create an account (open mode, or with an invitation token) → {user, accessToken, refreshToken}',
  })
  register(@Body() dto: RegisterDto, @Ip() ip: string, @Headers('user-agent') ua?: string) {
    return this.auth.register(dto, ip, ua);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in → {user, accessToken, refreshToken}; wrong credentials 401' })
  login(@Body() dto: LoginDto, @Ip() ip: string, @Headers('user-agent') ua?: string) {
    return this.auth.login(dto, ip, ua);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate a refresh token → {accessToken, refreshToken}; a reused token revokes its family',
  })
  refresh(@Body() dto: RefreshDto, @Ip() ip: string, @Headers('user-agent') ua?: string) {
    return this.auth.refresh(dto.refreshToken, ip, ua);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the sign-in this refresh token belongs to' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }
}
