import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '@runde/platform';

/**
 * Decides who may open the operator pages under /admin. Until accounts exist nobody may.
 */
@Injectable()
export class AdminGate {
  async check(_req: Request): Promise<void> {
    throw AppError.unauthorized('Platform administrators only');
  }
}
