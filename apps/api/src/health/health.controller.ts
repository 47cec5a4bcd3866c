import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@runde/identity';
import { HealthService } from '@runde/platform';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and dependencies: 200 when Postgres and Redis answer, 503 otherwise' })
  async get(@Res({ passthrough: true }) res: FastifyReply) {
    const report = await this.health.check();
    if (report.ok) return { status: 'ok', checks: report.checks };
    res.code(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'A dependency is down',
      status: 'unavailable',
      checks: report.checks,
    };
  }
}
