import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JWT_SECRET } from './auth.constants';
import { AuthGuard } from './auth.guard';
import { resolveJwtSecret } from './jwt-secret';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    { provide: JWT_SECRET, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveJwtSecret(config) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [JWT_SECRET],
})
export class AuthModule {}
