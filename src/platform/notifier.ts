import type { Logger } from 'pino';

/** Delivers one-time codes and notices to citizens. Production plugs in an SMS gateway. */
export interface Notifier {
  sendCode(phone: string, code: string): Promise<void>;
  /** A notice to a citizen (an appeal resolved, …); also kept in citizen_notices for the page. */
  notify(phone: string, text: string): Promise<void>;
}

/** Development notifier: writes the code to the log instead of sending an SMS. */
export function logNotifier(log: Pick<Logger, 'info'>): Notifier {
  return {
    async sendCode(phone, code) {
      log.info({ phone, code }, 'citizen sign-in code (development notifier: no SMS sent)');
    },
    async notify(phone, text) {
      log.info({ phone, text }, 'citizen notice (development notifier: no SMS sent)');
    },
  };
}

/** Keeps the last code per phone; for tests. */
export function memoryNotifier(): Notifier & { last: Map<string, string>; notices: Array<{ phone: string; text: string }> } {
  const last = new Map<string, string>();
  const notices: Array<{ phone: string; text: string }> = [];
  return { last, notices, sendCode: async (phone, code) => void last.set(phone, code), notify: async (phone, text) => void notices.push({ phone, text }) };
}
