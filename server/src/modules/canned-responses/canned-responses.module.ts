import { Module } from '@nestjs/common';
import { CannedResponsesController } from './canned-responses.controller.js';
import { CannedResponsesRepository } from './canned-responses.repository.js';
import { CannedResponsesService } from './canned-responses.service.js';

@Module({
  controllers: [CannedResponsesController],
  providers: [CannedResponsesService, CannedResponsesRepository],
})
export class CannedResponsesModule {}
