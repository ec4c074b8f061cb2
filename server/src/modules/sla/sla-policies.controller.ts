import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { createSlaPolicyBody, updateSlaPolicyBody, type SlaPolicy } from '@rapport/shared';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { SlaPoliciesService } from './sla-policies.service.js';


@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Get()
  @Roles('lead', 'manager', 'admin')
  list(): Promise<SlaPolicy[]> {
    return this.policies.list();
  }

  @Get(':id')
  @Roles('lead', 'manager', 'admin')
  get(@Param('id', UuidPipe) id: string): Promise<SlaPolicy> {
    return this.policies.get(id);
  }

  @Post()
  @Roles('lead', 'admin')
  @ApiBody({ schema: schema(createSlaPolicyBody) })
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createSlaPolicyBody)) body: z.output<typeof createSlaPolicyBody>): Promise<SlaPolicy> {
    return this.policies.create(user, body);
  }

  @Patch(':id')
  @Roles('lead', 'admin')
  @ApiBody({ schema: schema(updateSlaPolicyBody) })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateSlaPolicyBody)) body: z.output<typeof updateSlaPolicyBody>): Promise<SlaPolicy> {
    return this.policies.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('lead', 'admin')
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.policies.remove(user, id);
  }
}
