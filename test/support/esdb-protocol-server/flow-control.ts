/**
 * Writes to a server-streaming call with gRPC flow control: when `write()` answers false the
 * transport's buffer is full (the client is not reading), so the next write waits for 'drain'.
 * A paused client therefore holds the server back instead of being sent the whole log.
 */
import type { ServerWritableStream } from '@grpc/grpc-js';

export class FlowControlledWriter<T> {
  private closed = false;
  private readonly closeWaiters = new Set<() => void>();

  constructor(private readonly call: ServerWritableStream<unknown, T>) {
    const onClose = () => this.close();
    call.on('cancelled', onClose);
    call.on('close', onClose);
    call.on('error', onClose);
    call.on('finish', onClose);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Marks the call as over (ended by the server or the client): waiting writes give up. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const wake of [...this.closeWaiters]) wake();
  }

  /** Sends the message; resolves false when the call ended instead. */
  async write(message: T): Promise<boolean> {
    if (this.closed) return false;
    if (this.call.write(message)) return true;
    await this.whenDrainedOrClosed();
    return !this.closed;
  }

  /** Resolves on the next call of `close()` (or at once when closed), for a pump waiting on something else as well. */
  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.closeWaiters.delete(wake);
        resolve();
      };
      this.closeWaiters.add(wake);
    });
  }

  private whenDrainedOrClosed(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.call.off('drain', done);
        this.closeWaiters.delete(done);
        resolve();
      };
      this.call.once('drain', done);
      this.closeWaiters.add(done);
    });
  }
}
