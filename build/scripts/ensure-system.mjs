// Installs the Debian packages a command needs when they are missing (via apt when root),
// or prints the one command to run. Plain JavaScript: it runs before dependencies exist.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const needs = {
  // What `npm test` drives: Debian's Chromium for browser tests, CJK fonts so Chinese renders.
  test: [
    { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
    { pkg: 'fonts-noto-cjk', present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') },
    // Offline Mandarin read-aloud (the kiosk's speaker, the calling display's announcements); on a
    // kiosk or player image it is installed with the app.
    { pkg: 'espeak-ng', present: () => existsSync('/usr/bin/espeak-ng') },
    // Device tests: virtual serial cables, a real print spooler with a PDF printer, PDF text checks.
    { pkg: 'socat', present: () => existsSync('/usr/bin/socat') },
    { pkg: 'cups', present: () => existsSync('/usr/sbin/cupsd') },
    { pkg: 'cups-client', present: () => existsSync('/usr/bin/lp') },
    { pkg: 'printer-driver-cups-pdf', present: () => existsSync('/usr/lib/cups/backend/cups-pdf') },
    { pkg: 'poppler-utils', present: () => existsSync('/usr/bin/pdftotext') },
    // Fallback font for rare characters (CJK Ext-B) in filled PDF forms; OFL.
    { pkg: 'fonts-hanazono', present: () => existsSync('/usr/share/fonts/truetype/hanazono/HanaMinB.ttf') },
    // The admin server makes each TV channel's live HLS stream with ffmpeg (ffprobe comes with it).
    { pkg: 'ffmpeg', present: () => existsSync('/usr/bin/ffmpeg') },
    // The programme guide is checked against the XMLTV DTD (xmltv-util ships it) with xmllint.
    { pkg: 'xmltv-util', present: () => existsSync('/usr/share/xmltv/xmltv.dtd') },
    { pkg: 'libxml2-utils', present: () => existsSync('/usr/bin/xmllint') },
  ],
  start: [
    // The simulated ID card reader of the demo runs on a virtual serial port.
    { pkg: 'socat', present: () => existsSync('/usr/bin/socat') },
    // The admin server makes each TV channel's live HLS stream with ffmpeg (ffprobe comes with it).
    { pkg: 'ffmpeg', present: () => existsSync('/usr/bin/ffmpeg') },
  ],
};

const purpose = process.argv[process.argv.indexOf('--for') + 1] ?? 'test';
const missing = (needs[purpose] ?? []).filter((need) => !need.present()).map((need) => need.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(
    `Linli needs these system packages for 'npm ${purpose}': ${missing.join(', ')}\nRun: sudo sh -c '${command}'`,
  );
  process.exit(1);
}
console.log(`Installing system packages for 'npm ${purpose}': ${missing.join(', ')}`);
execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
