import type { AppContext } from './context';

/** Why a request's signal aborted: the process began draining, or the client went away. */
export type AbortCause = 'draining' | 'client_gone';

/** The `reason` of an aborted request signal. */
export class RequestAborted extends Error {
  constructor(readonly why: AbortCause) {
    super(why === 'draining' ? 'the server is shutting down' : 'the client went away');
    this.name = 'AbortError';
  }
}

/**
 * A signal for one request that aborts when `drain` aborts (the process starts shutting down) or
 * when the client goes away before its answer is written. Its listeners are removed once the
 * response is done, so a long-lived drain signal gathers none.
 */
export function requestSignal(ctx: AppContext, drain?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const onDrain = () => controller.abort(new RequestAborted('draining'));
  if (drain?.aborted) onDrain();
  else drain?.addEventListener('abort', onDrain, { once: true });
  const res = ctx.res;
  if (res.closed) {
    drain?.removeEventListener('abort', onDrain);
    if (!res.writableFinished) controller.abort(new RequestAborted('client_gone'));
  } else {
    res.once('close', () => {
      drain?.removeEventListener('abort', onDrain);
      if (!res.writableFinished) controller.abort(new RequestAborted('client_gone'));
    });
  }
  return controller.signal;
}

/** How a wait ended. */
export type WaitOutcome = 'woken' | 'timeout' | 'aborted';

/**
 * Waits until `subscribe`'s wake callback fires, `ms` pass, or `signal` aborts, whichever comes
 * first, and says which. It never throws: a long poll (chat, up to ~25 s) then answers with what it
 * has, so a draining process ends its waiting requests early with ordinary answers. `subscribe`
 * returns its own unsubscribe, called in every case.
 */
export function longWait(
  signal: AbortSignal,
  ms: number,
  subscribe?: (wake: () => void) => () => void,
): Promise<WaitOutcome> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    const finish = (outcome: WaitOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      unsubscribe?.();
      resolve(outcome);
    };
    const onAbort = () => finish('aborted');
    const timer = setTimeout(() => finish('timeout'), Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
    if (subscribe) {
      unsubscribe = subscribe(() => finish('woken'));
      // Woken during subscribe: undo the subscription now that it is known.
      if (done) unsubscribe();
    }
  });
}
