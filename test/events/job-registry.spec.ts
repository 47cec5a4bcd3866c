import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobHandler, JobName, JobRegistry } from '@runde/events';

@Injectable()
class SweepHandler {
  @JobHandler(JobName.OutboxSweep)
  sweep() {
    return 'swept';
  }
}

@Injectable()
class DispatchHandler {
  @JobHandler(JobName.DispatchEvent)
  dispatch() {
    return 'dispatched';
  }
}

/** Every other job type, so that a registry built from these handlers is complete. */
@Injectable()
class OtherHandlers {
  @JobHandler(JobName.AnnounceDraftUpdate)
  announce() {
    return 'announced';
  }

  @JobHandler(JobName.CompactDraft)
  compact() {
    return 'compacted';
  }

  @JobHandler(JobName.AnnounceTopicActivity)
  announceTopic() {
    return 'announced';
  }

  @JobHandler(JobName.SettleDraftText)
  settle() {
    return 'settled';
  }

  @JobHandler(JobName.PruneEventLog)
  prune() {
    return 'pruned';
  }

  @JobHandler(JobName.ConsultationDue)
  due() {
    return 'due';
  }

  @JobHandler(JobName.ConsultationSweep)
  sweep() {
    return 'swept';
  }

  @JobHandler(JobName.NeedsTick)
  tick() {
    return 'ticked';
  }

  @JobHandler(JobName.MailDigests)
  digests() {
    return 'sent';
  }
}

@Injectable()
class SecondDispatchHandler {
  @JobHandler(JobName.DispatchEvent)
  dispatch() {
    return 'again';
  }
}

async function registryWith(...providers: Array<new () => object>) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobRegistry, ...providers],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('job registry', () => {
  it('routes each job type to its one handler', async () => {
    const moduleRef = await registryWith(SweepHandler, DispatchHandler, OtherHandlers);
    const registry = moduleRef.get(JobRegistry);
    expect(await registry.handlerFor(JobName.OutboxSweep)!({} as never)).toBe('swept');
    expect(await registry.handlerFor(JobName.DispatchEvent)!({} as never)).toBe('dispatched');
    await moduleRef.close();
  });

  it('refuses to start when a job type has no handler', async () => {
    await expect(registryWith(SweepHandler, OtherHandlers)).rejects.toThrow(
      /job "dispatch-event" has no handler/,
    );
  });

  it('refuses to start when a job type has two handlers', async () => {
    await expect(
      registryWith(SweepHandler, DispatchHandler, OtherHandlers, SecondDispatchHandler),
    ).rejects.toThrow(
      /job "dispatch-event" has 2 handlers: DispatchHandler.dispatch, SecondDispatchHandler.dispatch/,
    );
  });

  it('the real worker refuses to start when a module adds a second handler', () => {
    // In a process of its own, as in production (main.ts exits): a worker that refuses to start has already
    // opened its database and Redis connections, and only the process's end closes them.
    const script = `
      require('reflect-metadata');
      const { Injectable, Module } = require('@nestjs/common');
      const { JobHandler, JobName } = require('./dist/libs/events/src');
      const { createWorkerApp } = require('./dist/apps/worker/src/bootstrap');
      class Second { dispatch() { return 'again'; } }
      JobHandler(JobName.DispatchEvent)(Second.prototype, 'dispatch', Object.getOwnPropertyDescriptor(Second.prototype, 'dispatch'));
      Injectable()(Second);
      class Doubled {}
      Module({ providers: [Second] })(Doubled);
      createWorkerApp({ logger: false, extraModules: [Doubled] }).then(
        () => process.exit(0),
        (error) => { process.stderr.write(error.message); process.exit(1); },
      );`;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: join(__dirname, '..', '..'),
      env: process.env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/job "dispatch-event" has 2 handlers: .*Second\.dispatch/);
  });
});
