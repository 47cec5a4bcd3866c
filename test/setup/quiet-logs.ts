import { Logger } from '@nestjs/common';

// Apps in tests run with their logger off; this silences Nest's static logger too (e.g. TypeORM's notice that the
// api and the worker, booted in one test process, both register the default data source). Errors still show.
Logger.overrideLogger(['error']);
