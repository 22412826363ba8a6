// Bugs planted on purpose in a design review (issue 17), kept as a fixed set
// that every mutation run also tries: each one must be caught. They are found
// by the code they change, not by line number, so edits elsewhere in the files
// do not move them; if the code itself is rewritten, the run says so and the
// entry here needs updating to the new code.
export const PLANTED = [
  {
    file: 'src/core/monitor/sessionMonitor.ts',
    what: 'cooldown by completions never ends: a second loop after a quiet stretch gets no warning',
    find: 'return this.completions - this.lastAlertAt.completion < 5;',
    replace: 'return this.completions - this.lastAlertAt.completion >= 0;',
  },
  {
    file: 'src/core/monitor/sessionMonitor.ts',
    what: 'cooldown by clock compares the wrong way: a warning repeats at once',
    find: 'return now - this.lastAlertAt.time < this.settings.cooldownMinutes * 60_000;',
    replace: 'return now - this.lastAlertAt.time > this.settings.cooldownMinutes * 60_000;',
  },
  {
    file: 'src/core/monitor/sessionMonitor.ts',
    what: 'never re-armed after the level falls back: one warning per session',
    find: 'if (!this.armed && rise < threshold / 2) this.armed = true;',
    replace: 'if (!this.armed && rise < threshold / 2) this.armed = false;',
  },
  {
    file: 'src/core/sessions/watch.ts',
    what: 'a new file found in a watched folder is recognised but never followed',
    find: "|| adapter.assistant === 'cline')) await this.add(full, adapter);",
    replace: "|| adapter.assistant === 'cline')) void adapter;",
  },
  {
    file: 'src/core/sessions/watch.ts',
    what: 'a change that arrives while a file is being read is dropped (lines appended mid-read are lost)',
    find: '} while (this.again.has(path));',
    replace: '} while (false);',
  },
  {
    file: 'src/core/sessions/watch.ts',
    what: 'a polled folder never picks up new session files',
    find: 'if (!this.readers.has(full) && !this.folders.has(full)) await this.discover(full, folder);',
    replace: 'if (this.readers.has(full) && !this.folders.has(full)) await this.discover(full, folder);',
  },
  {
    file: 'src/core/sessions/tail.ts',
    what: 'a rotated file (same size or larger, new inode) is read on from the old offset',
    find: 'if ((this.identity !== undefined && identity !== this.identity) || stat.size < this.offset) {',
    replace: 'if (stat.size < this.offset) {',
  },
];
