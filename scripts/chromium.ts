/**
 * Debian's Chromium as every browser test and the demo launch it: headless, no sandbox (CI runs
 * as root), no GPU, and none of the background traffic the closed network here refuses.
 */
export const CHROMIUM_LAUNCH_OPTIONS: { executablePath: string; args: string[] } = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
