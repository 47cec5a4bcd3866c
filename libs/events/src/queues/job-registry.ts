import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { discoverMethods } from './discover-methods';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobName } from './queue-names';

export type JobHandlerFn = (job: Job) => Promise<unknown>;

export class JobRegistryError extends Error {}

/**
 * Collects the `@JobHandler` methods and checks that every job type has exactly one.
 * A missing or doubled handler stops the worker at boot.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = discoverMethods<JobName>(this.discovery, this.scanner, this.reflector, JOB_HANDLER);
    const owners = new Map<JobName, string[]>();
    for (const { meta, owner } of found) owners.set(meta, [...(owners.get(meta) ?? []), owner]);
    const problems: string[] = [];
    for (const job of Object.values(JobName)) {
      const list = owners.get(job) ?? [];
      if (list.length === 0) problems.push(`job "${job}" has no handler`);
      if (list.length > 1) problems.push(`job "${job}" has ${list.length} handlers: ${list.join(', ')}`);
    }
    if (problems.length) throw new JobRegistryError(`Worker refuses to start: ${problems.join('; ')}`);
    for (const { meta, call } of found) this.handlers.set(meta, (job: Job) => call(job));
  }

  handlerFor(job: string): JobHandlerFn | undefined {
    return this.handlers.get(job as JobName);
  }
}
