import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, RateLimitRule, RateLimitService } from '@runde/platform';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The general limits of one request: every call counts against `api`, a write also against `write`. */
export function apiRateRules(
  config: Pick<AppConfig, 'RATE_LIMIT_PER_MINUTE' | 'WRITE_RATE_LIMIT_PER_MINUTE'>,
  method: string,
): RateLimitRule[] {
  const rules: RateLimitRule[] = [
    // While Redis is down, this one is counted in each process: reads need no Redis and stay up; a write also
    // counts against `write`, which may not be counted so, and answers 503 (docs/architecture.md).
    { name: 'api', limit: config.RATE_LIMIT_PER_MINUTE, windowSeconds: 60, whenRedisDown: 'count-locally' },
  ];
  if (WRITE_METHODS.has(method.toUpperCase())) {
    rules.push({ name: 'write', limit: config.WRITE_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 });
  }
  return rules;
}

/**
 * A coarse per-client ceiling on every API call, kept in Redis so it holds across api processes.
 * Every write route also counts against a per-caller write limit. Finer limits (login, slow mode) sit in their
 * services. While Redis is down, reads are counted in this process and writes answer 503. (The operator pages
 * under /admin are no Nest routes: the admin gate applies the same rules there.)
 */
@Injectable()
export class ApiRateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: { id: string } }>();
    if (!/^\/api\//i.test(req.url)) return true;
    const subject = req.user?.id ? `u:${req.user.id}` : `ip:${req.ip || 'unknown'}`;
    await this.limits.consumeAll(apiRateRules(this.config, req.method), subject);
    return true;
  }
}
