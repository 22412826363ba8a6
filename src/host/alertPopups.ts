import type { Alert } from '../core/monitor/types';

/**
 * Which live alerts interrupt the user with a VS Code message. A notice (a test
 * file edited during a failing loop, often an honest correction) is not a flag:
 * it stays visible in the inspector and the log but never pops up. Kept free of
 * the vscode module so the rule is testable on its own.
 */
export function popsUp(alert: Alert): boolean {
  return !(alert.kind === 'tampering' && alert.evidence.severity === 'notice');
}
