import * as vscode from 'vscode';
import { FlagStore } from '../core/monitor/flagStore';

const FILE = 'flags.json';

/** Loads and saves the flag store in the extension's global storage (never beside a transcript). */
export class FlagStorage {
  private saving = Promise.resolve();

  private constructor(
    readonly store: FlagStore,
    private readonly uri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  static async open(storage: vscode.Uri, log: vscode.LogOutputChannel): Promise<FlagStorage> {
    const uri = vscode.Uri.joinPath(storage, FILE);
    let text: string | undefined;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      text = undefined; // first run: no flags yet
    }
    const { store, problem } = FlagStore.parse(text);
    if (problem) log.warn(`flags: ${uri.fsPath}: ${problem}`);
    return new FlagStorage(store, uri, log);
  }

  /** Writes the store; saves are serialised so an older state never overwrites a newer one. */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      try {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
        await vscode.workspace.fs.writeFile(this.uri, new TextEncoder().encode(this.store.serialize()));
      } catch (error) {
        this.log.error(`flags: could not save ${this.uri.fsPath}: ${String(error)}`);
      }
    });
    return this.saving;
  }
}
