/**
 * A progress bar on stderr. On a terminal it is redrawn in place (at most ten times a second);
 * otherwise (a log file, CI) it writes one line each time another 10% is done.
 */
export interface ProgressOptions {
  label: string;
  total: number;
  /** bytes: sizes and MB/s; items: counts and items/s, named by `itemName`. */
  unit: 'bytes' | 'items';
  itemName?: string;
  stream?: NodeJS.WriteStream;
  /** false: draw nothing (--quiet). */
  enabled?: boolean;
  now?: () => number;
}

const MB = 1024 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < MB) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 * MB) return `${(n / MB).toFixed(1)} MB`;
  return `${(n / 1024 / MB).toFixed(2)} GB`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly enabled: boolean;
  private readonly now: () => number;
  private readonly started: number;
  private done = 0;
  private rows?: number;
  private lastDraw = 0;
  private lastDecile = -1;
  private drawn = false;
  private finished = false;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.enabled = opts.enabled !== false;
    this.now = opts.now ?? Date.now;
    this.started = this.now();
  }

  setTotal(total: number): void {
    this.opts.total = total;
  }

  /** `rows`: how many rows the done part holds, for a rows/s estimate. */
  update(done: number, rows?: number): void {
    this.done = done;
    if (rows !== undefined) this.rows = rows;
    if (!this.enabled || this.finished) return;
    if (this.tty) {
      const t = this.now();
      if (t - this.lastDraw < 100 && done < this.opts.total) return;
      this.lastDraw = t;
      this.draw(this.line(true));
    } else {
      const decile = Math.floor(this.fraction() * 10);
      if (decile > this.lastDecile && decile > 0) {
        this.lastDecile = decile;
        this.stream.write(this.line(false) + '\n');
      }
    }
  }

  /** Replaces the bar with a status message (e.g. "waiting for the server") on a terminal. */
  status(message: string): void {
    if (!this.enabled) return;
    if (this.tty) this.draw(`${this.opts.label}: ${message}`);
    else this.stream.write(`${this.opts.label}: ${message}\n`);
  }

  /** Ends the bar; on a terminal the last drawing stays, followed by a newline. */
  finish(message?: string): void {
    if (!this.enabled || this.finished) return;
    this.finished = true;
    if (this.tty) {
      if (message) this.draw(`${this.opts.label}: ${message}`);
      if (this.drawn) this.stream.write('\n');
    } else if (message) this.stream.write(`${this.opts.label}: ${message}\n`);
  }

  /** Takes the bar off the terminal (before printing something else in its place). */
  clear(): void {
    if (this.enabled && this.tty && this.drawn) {
      this.stream.write('\r\x1b[K');
      this.drawn = false;
    }
  }

  elapsedSeconds(): number {
    return (this.now() - this.started) / 1000;
  }

  private fraction(): number {
    return this.opts.total > 0 ? Math.min(1, this.done / this.opts.total) : 1;
  }

  private draw(text: string): void {
    const width = this.stream.columns || 100;
    this.stream.write('\r' + text.slice(0, width - 1) + '\x1b[K');
    this.drawn = true;
  }

  line(withBar: boolean): string {
    const f = this.fraction();
    const pct = `${Math.floor(f * 100)}%`.padStart(4);
    const secs = this.elapsedSeconds();
    const parts: string[] = [];
    if (this.opts.unit === 'bytes') {
      parts.push(`${formatBytes(this.done)}/${formatBytes(this.opts.total)}`);
      if (secs > 0.5) parts.push(`${formatBytes(this.done / secs)}/s`);
    } else {
      parts.push(`${count(this.done)}/${count(this.opts.total)}${this.opts.itemName ? ` ${this.opts.itemName}` : ''}`);
      if (secs > 0.5) parts.push(`${count(this.done / secs)}/s`);
    }
    if (this.rows !== undefined && secs > 0.5) parts.push(`~${count(this.rows / secs)} rows/s`);
    if (secs > 1 && f > 0 && f < 1) parts.push(`ETA ${formatDuration((secs / f) * (1 - f))}`);
    const bar = withBar ? ` [${'#'.repeat(Math.round(f * 24)).padEnd(24, '.')}]` : '';
    return `${this.opts.label}${bar} ${pct}  ${parts.join('  ')}`;
  }
}
