import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import {
  mergeCustomerBody,
  searchCustomersQuery,
  splitCustomerBody,
  updateCustomerBody,
  type CustomerMatch,
  type CustomerProfile,
  type MergeCustomerBody,
  type MergeSuggestion,
  type SearchCustomersQuery,
  type SplitCustomerBody,
} from '@rapport/shared';
import { schema } from '../../common/json-schema.js';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
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

  /** Extension: find a customer by name, email, phone, handle or platform id (to merge). */
  @Get()
  search(@CurrentUser() user: AuthUser, @Query(new ZodPipe(searchCustomersQuery)) query: SearchCustomersQuery): Promise<{ items: CustomerMatch[] }> {
    return this.customers.search(user, query.q, query.limit);
  }

  @Get(':id')
  profile(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<CustomerProfile> {
    return this.customers.profile(user, id);
  }

  @Patch(':id')
  @ApiBody({ schema: z.toJSONSchema(updateCustomerBody, { io: 'input', unrepresentable: 'any' }) as object })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateCustomerBody)) body: z.output<typeof updateCustomerBody>): Promise<CustomerProfile> {
    return this.customers.update(user, id, body);
  }

  @Get(':id/merge-suggestions')
  mergeSuggestions(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<MergeSuggestion[]> {
    return this.customers.mergeSuggestions(user, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiBody({ schema: schema(mergeCustomerBody) })
  merge(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(mergeCustomerBody)) body: MergeCustomerBody, @Origin() origin: RequestOrigin): Promise<CustomerProfile> {
    return this.customers.merge(user, id, body.customerId, origin);
  }

  @Post(':id/split')
  @HttpCode(200)
  @ApiBody({ schema: schema(splitCustomerBody) })
  split(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(splitCustomerBody)) body: SplitCustomerBody, @Origin() origin: RequestOrigin): Promise<CustomerProfile> {
    return this.customers.split(user, id, body.identityId, origin);
  }
}
