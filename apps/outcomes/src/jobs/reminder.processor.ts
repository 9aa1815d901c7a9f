import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ScheduleService } from '../schedule/schedule.service';
import { OutcomesQueue, type ReminderJob } from './queues';

/** One job kind: an outcome recording fell due or overdue. Delegates; the service re-checks the row. */
@Processor(OutcomesQueue.Reminders)
export class ReminderProcessor extends WorkerHost {
  private readonly logger = new Logger(ReminderProcessor.name);

  constructor(private readonly schedule: ScheduleService) {
    super();
  }

  async process(job: Job<ReminderJob>): Promise<string> {
    const started = Date.now();
    const result = await this.schedule.remind(job.data);
    this.logger.log({
      msg: 'reminder job done',
      jobId: job.id,
      ...job.data,
      result,
      ms: Date.now() - started,
    });
    return result;
  }
}
