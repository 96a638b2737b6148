/**
 * When the reader of standard output goes away (`insieme demo | head -1`), writing fails with EPIPE: that is the
 * reader's choice, not an error of ours, so the process ends quietly with success, as Unix tools do.
 */
export const endQuietlyOnClosedOutput = (stream: NodeJS.WriteStream = process.stdout): void => {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
};
