import type { Observation, Toast, Workbench } from './workbench';
import { waitFor } from './wait';

/**
 * Waits until the in-page recorder has seen a toast whose message matches `message`
 * (it samples 10 times a second, so a toast that came and went is seen too), and
 * returns the first such sighting.
 */
export async function waitForToast(wb: Workbench, message: RegExp, options: { timeoutMs: number; intervalMs?: number }): Promise<Observation & { toast: Toast }> {
  return waitFor(
    `a notification matching ${message}`,
    async () => (await wb.observations()).find((o): o is Observation & { toast: Toast } => !!o.toast && message.test(o.toast.message)),
    {
      timeoutMs: options.timeoutMs,
      intervalMs: options.intervalMs,
      lastSeen: async () => JSON.stringify((await wb.observations()).filter((o) => o.toast).map((o) => o.toast!.message)),
    },
  );
}

/** Every distinct toast the recorder has seen whose message matches `message`. */
export async function toastsSeen(wb: Workbench, message: RegExp): Promise<Toast[]> {
  const seen = new Map<string, Toast>();
  for (const o of await wb.observations()) if (o.toast && message.test(o.toast.message)) seen.set(JSON.stringify(o.toast), o.toast);
  return [...seen.values()];
}

/**
 * Clicks the button `action` of the notification whose message matches `message`, as a
 * person would: on its toast while it is shown, otherwise in the notification centre
 * (VS Code hides a toast after a while, or when newer toasts need the room; the
 * notification, and the promise behind its buttons, stay in the centre), which it then
 * closes again.
 */
export async function clickNotificationAction(wb: Workbench, message: RegExp, action: string, options: { timeoutMs: number }): Promise<'toast' | 'centre'> {
  const page = wb.page;
  const tryIn = async (scope: string): Promise<boolean> => {
    const items = page.locator(`${scope} .notification-list-item`);
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      const text = ((await item.locator('.notification-list-item-message').textContent()) ?? '').trim();
      if (!message.test(text)) continue;
      const buttons = item.locator('.notification-list-item-buttons-container .monaco-button');
      const count = await buttons.count();
      for (let b = 0; b < count; b++) {
        const button = buttons.nth(b);
        if (((await button.textContent()) ?? '').trim() === action && (await button.isVisible())) {
          await button.click();
          return true;
        }
      }
    }
    return false;
  };
  let centreOpened = false;
  const where = await waitFor(
    `the button "${action}" on the notification ${message}`,
    async () => {
      if (await tryIn('.notifications-toasts')) return 'toast' as const;
      if (await tryIn('.notifications-center.visible')) return 'centre' as const;
      // Shown before but hidden since: it waits in the notification centre.
      if (!centreOpened && (await wb.observations()).some((o) => o.toast && message.test(o.toast.message))) {
        centreOpened = true;
        await wb.runCommand('Notifications: Show Notifications');
      }
      return undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 200,
      lastSeen: async () =>
        JSON.stringify(
          await page.locator('.notification-list-item').evaluateAll((items) =>
            items.map((i) => `${i.querySelector('.notification-list-item-message')?.textContent?.trim() ?? ''} [${Array.from(i.querySelectorAll('.monaco-button')).map((b) => b.textContent?.trim()).join(', ')}]`),
          ),
        ),
    },
  );
  // While the centre is open, VS Code shows new notifications there and not as toasts,
  // so the recorder would miss them: close it again, as a person would.
  if (await page.locator('.notifications-center.visible').count()) await wb.runCommand('Notifications: Hide Notifications');
  return where;
}
