import { Module } from '@nestjs/common';
import { ReminderLog } from './reminder-log';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

/** Reminder digests before meetings: the service that sends them, the look-out that sends them on time, the admin's routes. */
@Module({
  controllers: [RemindersController],
  providers: [RemindersService, ReminderScheduler, ReminderLog],
  exports: [RemindersService],
})
export class RemindersModule {}
