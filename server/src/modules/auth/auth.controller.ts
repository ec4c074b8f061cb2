import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { loginBody, type DirectoryEntry, type LoginBody, type LoginResponse, type User } from '@rapport/shared';
import { ZodPipe } from '../../common/zod.pipe.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(loginBody) as object })
  login(@Body(new ZodPipe(loginBody)) body: LoginBody): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password);
  }

  /** Names of colleagues for every role (the agents API with load and settings is for leads). */
  @ApiBearerAuth()
  @Get('directory')
  directory(): Promise<DirectoryEntry[]> {
    return this.auth.directory();
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): User & { teamIds: string[] } {
    return user;
  }
}
