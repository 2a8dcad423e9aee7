/** A one-line progress bar on a terminal; silent when stderr is not a TTY (pipes and CI get a summary instead). */
export function createProgressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = Boolean(stream.isTTY) && total > 0;
  let last = -1;
  return {
    update(done: number) {
      if (!enabled) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${done}/${total}`);
    },
    finish() {
      if (enabled) stream.write('\n');
    },
  };
}
