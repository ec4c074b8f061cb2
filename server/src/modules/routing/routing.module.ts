import { Global, Module } from '@nestjs/common';
import { AgentsService } from './agents.service.js';
import { AgentsController, TeamsController } from './routing.controller.js';
import { RoutingProcessor } from './routing.processor.js';
import { RoutingService } from './routing.service.js';
import { TeamsService } from './teams.service.js';

@Global()
@Module({
  controllers: [AgentsController, TeamsController],
  providers: [RoutingService, RoutingProcessor, AgentsService, TeamsService],
  exports: [RoutingService, RoutingProcessor],
})
export class RoutingModule {}
