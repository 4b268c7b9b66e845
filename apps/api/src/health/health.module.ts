import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Whether the store answers and the projections keep up. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
