export interface GroupCommitOptions {
  /** Most items written in one batch. */
  maxBatch: number;
  /** Batches written at the same time. */
  parallel: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes items together that arrive while earlier ones are being written (group commit). At low load an
 * item is written alone and at once; under load the next batch gathers while the running ones commit, so
 * a storm costs a few transactions instead of one per item. Items submitted in the same tick share a batch,
 * in the order submitted. A batch that fails is written again one item at a time, so one bad item fails
 * alone.
 */
export class GroupCommit<T, R> {
  private readonly waiting: Array<Pending<T, R>> = [];
  private running = 0;
  private scheduled = false;

  constructor(
    /** Writes a batch; answers one result per item, in the same order. */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.startBatches();
      });
    });
  }

  private startBatches(): void {
    while (this.running < this.options.parallel && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.running++;
      void this.writeBatch(batch).finally(() => {
        this.running--;
        this.startBatches();
      });
    }
  }

  private async writeBatch(batch: Array<Pending<T, R>>): Promise<void> {
    try {
      const results = await this.write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const pending of batch) {
        await this.write([pending.item]).then(([result]) => pending.resolve(result!), pending.reject);
      }
    }
  }
}
