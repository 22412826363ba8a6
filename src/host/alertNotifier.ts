import * as vscode from 'vscode';
import type { Alert } from '../core/monitor/types';
import { popsUp } from './alertPopups';

export interface AlertActions {
  openTimeline(sessionKey: string): void;
  inspect(sessionKey: string, completionIndex: number): void;
}

/**
 * Turns live alerts into notifications: a warning for desperation rising in a
 * failing loop (with Open Timeline, Inspect and Snooze Session), an information
 * message for test-tampering evidence (notices, such as a test file edited, are
 * logged and shown in the inspector but never pop up). Snoozed sessions stay quiet until VS Code
 * restarts; their alerts still reach the Flagged view.
 */
export class AlertNotifier {
  private readonly snoozed = new Set<string>();

  constructor(
    private readonly actions: AlertActions,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  notify(sessionKey: string, alerts: readonly Alert[], enabled: boolean): void {
    for (const alert of alerts) {
      this.log.info(`alert (${alert.kind}) in ${sessionKey}: ${alert.message}`);
      if (!enabled || this.snoozed.has(sessionKey) || !popsUp(alert)) continue;
      void this.show(sessionKey, alert);
    }
  }

  private async show(sessionKey: string, alert: Alert): Promise<void> {
    const text =
      alert.kind === 'tampering' ? `Emotion Lens: possible test tampering: ${alert.message}` : `Emotion Lens: ${alert.message}`;
    const show = alert.kind === 'desperation' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(text, 'Open Timeline', 'Inspect', 'Snooze Session');
    if (choice === 'Open Timeline') this.actions.openTimeline(sessionKey);
    else if (choice === 'Inspect' && alert.completionIndex !== undefined) this.actions.inspect(sessionKey, alert.completionIndex);
    else if (choice === 'Snooze Session') {
      this.snoozed.add(sessionKey);
      this.log.info(`snoozed ${sessionKey} until the next restart`);
    }
  }
}
