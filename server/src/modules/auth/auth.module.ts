import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { AuditModule } from '../audit/audit.module.js';
import { AccessChanges } from './access-changes.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { lifetimeSeconds } from './domain/token-lifetime.js';
import { LoginThrottle } from './login-throttle.service.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';
import { TeamMemberEntity } from './team-member.entity.js';
import { TeamEntity } from './team.entity.js';
import { UserEntity } from './user.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, TeamEntity, TeamMemberEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { expiresIn: lifetimeSeconds(config.JWT_TTL) ?? 900 } }),
    }),
    AuditModule,
  ],
  controllers: [AuthController, UsersController],
  providers: [AuthService, UsersService, LoginThrottle, RefreshTokensService, AccessChanges, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AccessChanges],
})
export class AuthModule {}
