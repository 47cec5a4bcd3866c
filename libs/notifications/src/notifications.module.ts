import { Module } from '@nestjs/common';

/** Following, read markers, mentions and notifications (fan-out runs in the worker). */
@Module({})
export class NotificationsModule {}
