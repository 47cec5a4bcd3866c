import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, RateLimitService } from '@runde/platform';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A coarse per-client ceiling on every API call, kept in Redis so it holds across api processes.
 * Every write route also counts against a per-caller write limit. Finer limits (login, slow mode) sit in their
 * services. While Redis is down this answers 503.
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
    const rules = [{ name: 'api', limit: this.config.RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }];
    if (WRITE_METHODS.has(req.method)) {
      rules.push({ name: 'write', limit: this.config.WRITE_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 });
    }
    await this.limits.consumeAll(rules, subject);
    return true;
  }
}
