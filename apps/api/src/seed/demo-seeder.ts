import type { INestApplicationContext } from '@nestjs/common';

/** Demo data for a first look at runde. Grows with the domains (accounts, groups, topics, threads, drafts). */
export class DemoSeeder {
  constructor(private readonly app: INestApplicationContext) {}

  async seed(): Promise<string> {
    void this.app;
    return 'no demo data to seed yet';
  }
}
