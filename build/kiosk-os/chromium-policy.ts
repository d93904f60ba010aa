// The browser shell's Chromium policy in its Windows form. chromium-policy.json is the one source;
// `npx tsx build/kiosk-os/chromium-policy.ts` writes windows/chromium-policy.reg from it, and
// chromium-policy.test.ts fails while the committed .reg differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type ChromiumPolicy = Record<string, boolean | number | string | string[]>;

export const POLICY_FILE = path.join(import.meta.dirname, 'chromium-policy.json');
export const REGISTRY_FILE = path.join(import.meta.dirname, 'windows/chromium-policy.reg');

/** Where Chromium reads machine policy on Windows (Google Chrome and Edge read their own keys). */
const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium';

export function readPolicy(): ChromiumPolicy {
  return JSON.parse(readFileSync(POLICY_FILE, 'utf8')) as ChromiumPolicy;
}

const regString = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/**
 * The policy as a regedit file. The key is deleted first, so after an import it holds exactly this
 * policy, whatever an earlier version set. Booleans and integers are DWORDs; a list is a subkey
 * with the values "1", "2", … (Chromium's registry form of list policies). ASCII with CRLF and the
 * "Version 5.00" header: regedit and `reg import` read that without a byte-order mark.
 */
export function registryForm(policy: ChromiumPolicy): string {
  const values: string[] = [];
  const lists: string[] = [];
  for (const [name, value] of Object.entries(policy)) {
    if (Array.isArray(value)) {
      lists.push('', `[${KEY}\\${name}]`, ...value.map((entry, index) => `"${index + 1}"=${regString(entry)}`));
    } else if (typeof value === 'string') {
      values.push(`"${name}"=${regString(value)}`);
    } else if (typeof value === 'boolean' || (Number.isInteger(value) && value >= 0 && value <= 0xffffffff)) {
      values.push(`"${name}"=dword:${Number(value).toString(16).padStart(8, '0')}`);
    } else {
      throw new Error(`${name}: ${value} has no DWORD form`);
    }
  }
  const text = ['Windows Registry Editor Version 5.00', '', `[-${KEY}]`, '', `[${KEY}]`, ...values, ...lists, ''];
  const reg = text.join('\r\n');
  if (!/^[\x20-\x7e\r\n]*$/.test(reg)) throw new Error('the policy must be ASCII to be written without a BOM');
  return reg;
}

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(REGISTRY_FILE, registryForm(readPolicy()));
