import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

/**
 * Live streams one person may have open at once: a board in a few tabs and windows. One
 * token could otherwise open a thousand, each holding a connection and a subscription.
 */
export const MAX_STREAMS_PER_PERSON = 5;

/** Counts each person's open live streams; the one over the bound is refused with 429. */
@Injectable()
export class StreamLimiter {
  private readonly open = new Map<string, number>();

  /**
   * Takes a place for `person`, or throws 429 when they have all theirs. The place is given
   * back by the returned function, which does nothing after its first call.
   */
  take(person: string): () => void {
    const count = this.open.get(person) ?? 0;
    if (count >= MAX_STREAMS_PER_PERSON) {
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'Too Many Requests',
          message: `You already have ${MAX_STREAMS_PER_PERSON} live update streams open (tabs or windows of the board): close one to open another.`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.open.set(person, count + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.open.get(person) ?? 1) - 1;
      if (left > 0) this.open.set(person, left);
      else this.open.delete(person);
    };
  }

  /** Open streams of `person`, for tests and health. */
  count(person: string): number {
    return this.open.get(person) ?? 0;
  }
}
