import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CustomerProfile } from '@rapport/shared';
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
}
