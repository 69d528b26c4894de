/**
 * The demo's events in time order. Each storyline (a case from its first
 * request to its outcome, a request declined…) is a list of steps at rising
 * times; the steps of all storylines run merged by time, each with the clock
 * set to its moment, so the audit log, timelines and queues read as four
 * months of work, one event after another.
 */
export interface Step {
  at: Date;
  run: () => Promise<void>;
}

export class Storyline {
  readonly steps: Step[] = [];
  private last: Date;

  constructor(
    start: Date,
    private readonly end: Date,
  ) {
    this.last = start;
  }

  /** A step at `at` (never before the one before it, never after the end). */
  at(at: Date, run: () => Promise<void>): Date {
    const ms = Math.min(Math.max(at.getTime(), this.last.getTime()), this.end.getTime());
    this.last = new Date(ms);
    this.steps.push({ at: this.last, run });
    return this.last;
  }

  /** A step `days` after the one before. */
  after(days: number, run: () => Promise<void>): Date {
    return this.at(new Date(this.last.getTime() + days * 86_400_000), run);
  }

  get time(): Date {
    return this.last;
  }
}

/** Runs every step of every storyline in time order; `setTime` moves the clock the services read. */
export async function runStorylines(
  storylines: readonly Storyline[],
  setTime: (at: Date) => void,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const steps = storylines
    .flatMap((line, story) => line.steps.map((step, index) => ({ ...step, story, index })))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.story - b.story || a.index - b.index);
  const tick = Math.max(1, Math.floor(steps.length / 20));
  for (const [done, step] of steps.entries()) {
    setTime(step.at);
    await step.run();
    if ((done + 1) % tick === 0 || done + 1 === steps.length) progress(done + 1, steps.length);
  }
}

export const days = (from: Date, count: number) => new Date(from.getTime() + count * 86_400_000);
