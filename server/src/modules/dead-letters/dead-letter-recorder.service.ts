import { Injectable } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service.js';
import { DeadLettersRepository, type NewDeadLetter } from './dead-letters.repository.js';

/** Keeps an unreadable event and counts it; the same event twice is kept and counted once. */
@Injectable()
export class DeadLetterRecorder {
  constructor(
    private readonly letters: DeadLettersRepository,
    private readonly metrics: MetricsService,
  ) {}

  async record(letter: NewDeadLetter): Promise<void> {
    if (await this.letters.insert(letter)) this.metrics.deadLetters.inc({ channel_kind: letter.channelKind, source: letter.source });
  }
}
