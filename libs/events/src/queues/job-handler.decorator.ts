import { SetMetadata } from '@nestjs/common';
import type { JobName } from './queue-names';

export const JOB_HANDLER = Symbol('runde:job-handler');

/** Marks a provider method as the handler of one job type. */
export const JobHandler = (job: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, job);
