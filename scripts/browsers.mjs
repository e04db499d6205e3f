// Finds the browsers the tests run in; installs Debian's Chromium where that is safe.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const FIREFOX_PATHS = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

const first = (paths) => paths.find((p) => p && existsSync(p));

export function findChromium() {
  return first([process.env.CHROME_PATH, ...CHROMIUM_PATHS]);
}

export function findFirefox() {
  return first([process.env.FIREFOX_PATH, ...FIREFOX_PATHS]);
}

const hasAptGet = () => {
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** As `npx playwright install --with-deps` would: only as root on a Debian-like machine. */
export function ensureChromium() {
  let path = findChromium();
  if (path) return path;
  if (process.getuid?.() === 0 && hasAptGet()) {
    console.log('Chromium introuvable : installation du paquet Debian « chromium »…');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
      stdio: 'inherit',
    });
    path = findChromium();
    if (path) return path;
  }
  console.error(
    'Aucun Chromium trouvé : installez Chromium ou Chrome (par exemple « sudo apt-get install chromium ») ou indiquez son chemin dans CHROME_PATH.',
  );
  process.exit(1);
}
