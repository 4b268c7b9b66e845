import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '../common/clock';

/** The one clock of the server: the write path stamps events with it, the reads resolve "now" with it. */
@Global()
@Module({})
export class ClockModule {
  /** Tests record changes at controlled times. */
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
