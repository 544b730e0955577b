/**
 * A real headless Chromium for the browser tests: the Debian package's /usr/bin/chromium, started
 * by us (so we hold its pid) with a fresh profile and the flags this machine needs (without the
 * background-networking ones its connections are refused by the closed network), then driven by
 * playwright-core over CDP. `close()` closes the browser by its handle and kills the process by
 * pid if it is still there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningChromium {
  readonly browser: Browser;
  readonly pid: number;
  close(): Promise<void>;
}

export async function startChromium(timeoutMs = 20_000): Promise<RunningChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'trnsim-chromium-'));
  const proc: ChildProcess = spawn(CHROMIUM, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const kill = (): void => {
    if (proc.exitCode === null && proc.pid !== undefined) {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  try {
    const ws = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`chromium did not start within ${timeoutMs} ms: ${err.slice(-500)}`)), timeoutMs);
      proc.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`chromium exited with code ${code}: ${err.slice(-500)}`));
      });
    });
    const browser = await chromium.connectOverCDP(ws);
    return {
      browser,
      pid: proc.pid!,
      async close() {
        try {
          // ask the browser to quit through its handle, give it a moment, then disconnect
          const cdp = await browser.newBrowserCDPSession();
          const exited = new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', () => resolve())));
          await cdp.send('Browser.close').catch(() => undefined);
          await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
          await browser.close().catch(() => undefined);
        } finally {
          kill();
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    kill();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}
