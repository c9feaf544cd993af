/** Where the panel's host logs (the Shipshape output channel). */
export interface PanelLog {
  info(message: string): void;
  error(message: string): void;
}

/** Characters of one webview log line kept; the rest is cut with a note saying how much. */
export const MAX_LOG_LINE = 1000;
/** Lines the webview may log in a burst (the bucket's size)… */
export const LOG_BURST = 20;
/** …and per second afterwards (the bucket's refill rate). */
export const LOG_LINES_PER_SECOND = 2;

/** One printable line: newlines and other control characters cannot forge extra log lines. */
function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  if (flat.length <= MAX_LOG_LINE) return flat;
  return `${flat.slice(0, MAX_LOG_LINE)}… (${(flat.length - MAX_LOG_LINE).toLocaleString('en-US')} more characters)`;
}

/**
 * What the webview writes to the extension's output channel, bounded: each line is truncated and made
 * single-line, and a token bucket limits the rate. Lines over the rate are dropped and counted; the
 * next line that passes is preceded by a note saying how many were dropped.
 */
export class WebviewLogLimiter implements PanelLog {
  private tokens = LOG_BURST;
  private last: number;
  private dropped = 0;

  constructor(
    private readonly log: PanelLog,
    private readonly now: () => number = Date.now,
  ) {
    this.last = now();
  }

  info(message: string): void {
    if (this.admit()) this.log.info(oneLine(message));
  }

  error(message: string): void {
    if (this.admit()) this.log.error(oneLine(message));
  }

  private admit(): boolean {
    const now = this.now();
    this.tokens = Math.min(LOG_BURST, this.tokens + ((now - this.last) / 1000) * LOG_LINES_PER_SECOND);
    this.last = now;
    if (this.tokens < 1) {
      this.dropped++;
      return false;
    }
    this.tokens -= 1;
    if (this.dropped > 0) {
      this.log.error(
        `Cluster panel: ${this.dropped.toLocaleString('en-US')} log ${this.dropped === 1 ? 'line was' : 'lines were'} dropped (the panel may log ${LOG_BURST} lines at once and ${LOG_LINES_PER_SECOND} per second).`,
      );
      this.dropped = 0;
    }
    return true;
  }
}
