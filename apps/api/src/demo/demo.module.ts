import { Module } from '@nestjs/common';
import { DemoController } from './demo.controller';

/** Whether demonstration data is present (the web board's banner). The demo's history itself is played by `npm run demo` (play-demo.ts). */
@Module({ controllers: [DemoController] })
export class DemoModule {}
