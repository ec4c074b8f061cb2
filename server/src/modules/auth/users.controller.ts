import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { createUserBody, updateUserBody, type CreateUserBody, type UpdateUserBody, type UserAccount } from '@rapport/shared';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser, Roles } from './auth.decorators.js';
import type { AuthUser } from './auth-user.js';
import { UsersService } from './users.service.js';


@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<UserAccount[]> {
    return this.users.list();
  }

  @Post()
  @ApiBody({ schema: schema(createUserBody) })
  create(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Body(new ZodPipe(createUserBody)) body: CreateUserBody): Promise<UserAccount> {
    return this.users.create(body, { user, origin });
  }

  /** `active: false` deactivates (sessions end at once); an admin cannot deactivate themselves or the last active admin. */
  @Patch(':id')
  @ApiBody({ schema: schema(updateUserBody) })
  update(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateUserBody)) body: UpdateUserBody): Promise<UserAccount> {
    return this.users.update(id, body, { user, origin });
  }
}
