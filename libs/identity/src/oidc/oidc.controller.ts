import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@runde/platform';
import { Public } from '../auth/public.decorator';
import { RefreshDto } from '../dto/login.dto';
import { BackchannelLogoutDto } from './dto/backchannel-logout.dto';
import { OidcCodeDto } from './dto/oidc-code.dto';
import { OidcLinkDto } from './dto/oidc-link.dto';
import { OidcLogout } from './oidc-logout.service';
import { OidcSignIn, type Redirect } from './oidc-sign-in.service';

const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Single sign-on with the configured OpenID Connect providers. */
@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly signIn: OidcSignIn,
    private readonly logout: OidcLogout,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The identity providers for the sign-in page → {items: [{id, displayName}], passwordSignin}',
  })
  list() {
    return this.signIn.providers();
  }

  @Get(':provider/login')
  @ApiOperation({ summary: 'Redirect to the provider (authorization code with PKCE, state and nonce)' })
  async login(
    @Param('provider') provider: string,
    @Req() req: FastifyRequest,
    @Ip() ip: string,
    @Res() res: FastifyReply,
  ): Promise<void> {
    send(res, await this.signIn.start(providerId(provider), requestBase(req), ip));
  }

  @Get(':provider/callback')
  @ApiOperation({
    summary:
      'Where the provider sends the browser back; redirects to /#/auth/oidc-done?code=… or ?error=<reason>',
  })
  async callback(
    @Param('provider') provider: string,
    @Req() req: FastifyRequest,
    @Ip() ip: string,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    send(
      res,
      await this.signIn.callback(providerId(provider), query, req.headers.cookie, requestBase(req), ip),
    );
  }

  @Post('session')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The one-time code → {user, accessToken, refreshToken}; 409 reason OIDC_LINK_REQUIRED when an existing account must be linked first',
  })
  session(@Body() dto: OidcCodeDto, @Ip() ip: string, @Headers('user-agent') ua?: string) {
    return this.signIn.exchange(dto.code, ip, ua);
  }

  @Post('link')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Link the provider account to the existing account by its password → {user, accessToken, refreshToken}',
  })
  link(@Body() dto: OidcLinkDto, @Ip() ip: string, @Headers('user-agent') ua?: string) {
    return this.signIn.link(dto.code, dto.password, ip, ua);
  }

  @Post('end-session')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign out (as POST /auth/logout) and, after a sign-in through a provider, end its session too → {url}: send ' +
      'the browser there (the provider’s end-session endpoint, which comes back to PUBLIC_URL/); null when there ' +
      'is nothing to end at a provider',
  })
  endSession(
    @Body() dto: RefreshDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    res.header('Cache-Control', 'no-store');
    return this.logout.endSession(dto.refreshToken, requestBase(req));
  }

  @Post(':provider/backchannel-logout')
  @HttpCode(200)
  @ApiOperation({
    summary: 'OpenID Connect back-channel logout: the provider ends the sign-ins of a session or person',
  })
  async backchannelLogout(
    @Param('provider') provider: string,
    @Body() dto: BackchannelLogoutDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<void> {
    res.header('Cache-Control', 'no-store');
    await this.logout.backchannel(providerId(provider), dto.logout_token);
  }
}

function providerId(value: string): string {
  if (!PROVIDER_ID.test(value))
    throw AppError.validation('Unknown provider id', [
      { field: 'provider', messages: ['not a provider id'] },
    ]);
  return value;
}

function requestBase(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`;
}

function send(res: FastifyReply, redirect: Redirect): void {
  res.header('Cache-Control', 'no-store');
  if (redirect.cookie) res.header('Set-Cookie', redirect.cookie);
  void res.status(302).header('Location', redirect.location).send();
}
