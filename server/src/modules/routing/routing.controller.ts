import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { createTeamBody, updateAgentBody, updateTeamBody, type Agent, type Team, type UpdateAgentBody, type UpdateTeamBody } from '@rapport/shared';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { schema } from '../../common/json-schema.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
import { AgentsService } from './agents.service.js';
import { TeamsService } from './teams.service.js';


@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Get()
  @Roles('lead', 'manager', 'admin')
  list(): Promise<Agent[]> {
    return this.agents.list();
  }

  @Patch(':id')
  @Roles('lead', 'admin')
  @ApiBody({ schema: schema(updateAgentBody) })
  update(@Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateAgentBody)) body: UpdateAgentBody): Promise<Agent> {
    return this.agents.update(id, body);
  }
}

@ApiTags('teams')
@ApiBearerAuth()
@Controller('api/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  list(): Promise<Team[]> {
    return this.teams.list();
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string): Promise<Team> {
    return this.teams.get(id);
  }

  @Post()
  @Roles('lead', 'admin')
  @ApiBody({ schema: schema(createTeamBody) })
  create(@Body(new ZodPipe(createTeamBody)) body: z.output<typeof createTeamBody>): Promise<Team> {
    return this.teams.create(body);
  }

  @Patch(':id')
  @Roles('lead', 'admin')
  @ApiBody({ schema: schema(updateTeamBody) })
  update(@CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(updateTeamBody)) body: UpdateTeamBody): Promise<Team> {
    return this.teams.update(id, body, { user, origin });
  }
}
