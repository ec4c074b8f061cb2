import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { createUserBody, updateUserBody, type CreateUserBody, type UpdateUserBody, type User } from '@rapport/shared';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { Roles } from './auth.decorators.js';
import { UsersService } from './users.service.js';


@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post()
  @ApiBody({ schema: schema(createUserBody) })
  create(@Body(new ZodPipe(createUserBody)) body: CreateUserBody): Promise<User> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiBody({ schema: schema(updateUserBody) })
  update(@Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateUserBody)) body: UpdateUserBody): Promise<User> {
    return this.users.update(id, body);
  }
}
