import { Body, Controller, Get, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { loginBody, refreshTokenBody, type DirectoryEntry, type LoginBody, type LoginResponse, type RefreshTokenBody, type User } from '@rapport/shared';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';
import { LoginThrottledFilter } from './login-throttled.filter.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** 429 with Retry-After after too many failures of the account or from the address. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @UseFilters(LoginThrottledFilter)
  @ApiBody({ schema: z.toJSONSchema(loginBody) as object })
  login(@Body(new ZodPipe(loginBody)) body: LoginBody, @Origin() origin: RequestOrigin): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, { origin });
  }

  /** A new access token and refresh token for a refresh token, which stops working. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(refreshTokenBody) as object })
  refresh(@Body(new ZodPipe(refreshTokenBody)) body: RefreshTokenBody, @Origin() origin: RequestOrigin): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken, origin);
  }

  /** Ends the session of the refresh token (its access token lapses within JWT_TTL). */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiBody({ schema: z.toJSONSchema(refreshTokenBody) as object })
  logout(@Body(new ZodPipe(refreshTokenBody)) body: RefreshTokenBody, @Origin() origin: RequestOrigin): Promise<void> {
    return this.auth.logout(body.refreshToken, origin);
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
