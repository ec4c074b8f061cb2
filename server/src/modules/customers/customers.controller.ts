import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { z } from 'zod';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { updateCustomerBody, type CustomerProfile, type UpdateCustomerBody } from '@rapport/shared';
import { ZodPipe } from '../../common/zod.pipe.js';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CustomersService } from './customers.service.js';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get(':id')
  profile(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<CustomerProfile> {
    return this.customers.profile(user, id);
  }

  @Patch(':id')
  @ApiBody({ schema: z.toJSONSchema(updateCustomerBody, { io: 'input', unrepresentable: 'any' }) as object })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateCustomerBody)) body: UpdateCustomerBody): Promise<CustomerProfile> {
    return this.customers.update(user, id, body);
  }
}
