import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { DeadLetterRecorder } from './dead-letter-recorder.service.js';
import { DeadLettersRepository } from './dead-letters.repository.js';

/** The table and the recorder, for the inbound worker; the admin routes live in DeadLettersModule. */
@Module({
  imports: [MetricsModule],
  providers: [DeadLettersRepository, DeadLetterRecorder],
  exports: [DeadLettersRepository, DeadLetterRecorder],
})
export class DeadLettersStoreModule {}
