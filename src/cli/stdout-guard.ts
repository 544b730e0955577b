/**
 * Standard output as the CLI's results channel: a failed write (`> /dev/full`, a reader that
 * closed the pipe) would otherwise be an unhandled 'error' event with a stack trace. The guard
 * records the first failure; main() reports it as one sentence and exits 1. Lines already
 * written stay written.
 */
export interface OutputGuard {
  /** The first write error of the stream, if any. */
  failure(): unknown;
  dispose(): void;
}

export function guardOutput(stream: NodeJS.WriteStream): OutputGuard {
  let first: unknown;
  const onError = (e: unknown): void => {
    first ??= e;
  };
  stream.on('error', onError);
  return {
    // a failed synchronous write sets `errored` at once; the 'error' event comes a tick later
    failure: () => first ?? stream.errored ?? undefined,
    dispose: () => {
      stream.off('error', onError);
    },
  };
}

/** Lets pending 'error' events of synchronous stream writes (emitted on the next tick) arrive. */
export function settleOutput(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
