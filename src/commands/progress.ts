/** A one-line progress bar on stderr for long exports; plain lines when stderr is not a terminal. */
export interface Progress {
  update: (label: string, done: number, total: number) => void;
  done: (message: string) => void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = stream.isTTY === true;
  let lastLabel = '';
  return {
    update(label, done, total) {
      if (!interactive) {
        if (label !== lastLabel) stream.write(`${label}…\n`);
        lastLabel = label;
        return;
      }
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(80));
    },
    done(message) {
      if (interactive) stream.write(`\r${' '.repeat(80)}\r`);
      stream.write(`${message}\n`);
    },
  };
}

/** For tests and library use: reports nothing. */
export const silentProgress: Progress = { update: () => {}, done: () => {} };
