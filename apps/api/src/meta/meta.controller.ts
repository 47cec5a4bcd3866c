import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@runde/identity';
import { APP_CONFIG, AppConfig } from '@runde/platform';

/** Public facts a client needs before sign-in. */
@ApiTags('meta')
@Public()
@Controller('meta')
export class MetaController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'Server facts for clients: version, registration mode, languages' })
  get() {
    return {
      name: 'runde',
      apiVersion: 1,
      registrationMode: this.config.REGISTRATION_MODE,
      languages: ['de', 'en'],
      links: {
        accessibility: '/barrierefreiheit',
        imprint: this.config.IMPRINT_URL ?? null,
        privacy: this.config.PRIVACY_URL ?? null,
      },
    };
  }
}
