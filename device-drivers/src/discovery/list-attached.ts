/**
 * What is plugged into this machine, for the technician's `devices list`: serial ports, HID
 * devices (scanners in HID mode), USB printer-class devices and the spooler's printers. Each
 * source is read on its own; one that cannot be read says why instead of hiding the rest.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';

export interface AttachedDevice {
  path: string;
  description: string;
}

export interface AttachedList {
  serialPorts: AttachedDevice[];
  hidDevices: AttachedDevice[];
  usbPrinters: AttachedDevice[];
  systemPrinters: AttachedDevice[];
  /** Sources that could not be read, with the reason. */
  problems: string[];
}

const run = promisify(execFile);

async function serialPorts(): Promise<AttachedDevice[]> {
  try {
    const ports = await SerialPort.list();
    return ports.map((port) => ({
      path: port.path,
      description:
        [port.manufacturer, port.vendorId && `${port.vendorId}:${port.productId}`].filter(Boolean).join(' ') ||
        'serial port',
    }));
  } catch {
    // serialport asks udevadm; without udev (containers, minimal images) the device nodes still tell.
    return readdirSync('/dev')
      .filter((name) => /^tty(USB|ACM)\d+$/.test(name))
      .map((name) => ({
        path: `/dev/${name}`,
        description: name.startsWith('ttyUSB') ? 'USB-serial adapter' : 'USB CDC serial device',
      }));
  }
}

function hidDevices(): AttachedDevice[] {
  const root = '/sys/class/hidraw';
  if (!existsSync(root)) return [];
  return readdirSync(root).map((name) => {
    const uevent = readFileSync(path.join(realpathSync(path.join(root, name)), 'device/uevent'), 'utf8');
    return { path: `/dev/${name}`, description: /^HID_NAME=(.*)$/m.exec(uevent)?.[1] ?? 'HID device' };
  });
}

function usbPrinters(): AttachedDevice[] {
  const dir = '/dev/usb';
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /^lp\d+$/.test(name))
        .map((name) => ({ path: `${dir}/${name}`, description: 'USB printer class' }))
    : [];
}

async function systemPrinters(): Promise<AttachedDevice[]> {
  const { stdout } = await run('lpstat', ['-e']);
  const names = stdout.split('\n').filter(Boolean);
  const defaultName = await run('lpstat', ['-d']).then(
    ({ stdout: line }) => /:\s*(\S+)/.exec(line)?.[1],
    () => undefined,
  );
  return names.map((name) => ({
    path: name,
    description: name === defaultName ? 'spooler queue (default)' : 'spooler queue',
  }));
}

export async function listAttached(): Promise<AttachedList> {
  const problems: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T[]> | T[]): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message.split('\n')[0]}`);
      return [];
    }
  };
  return {
    serialPorts: await attempt('serial ports', serialPorts),
    hidDevices: await attempt('HID devices', hidDevices),
    usbPrinters: await attempt('USB printers', usbPrinters),
    systemPrinters: await attempt('spooler printers (lpstat)', systemPrinters),
    problems,
  };
}
