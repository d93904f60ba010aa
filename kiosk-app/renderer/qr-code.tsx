/**
 * A QR code drawn from the modules the host made (ScreenQr), so the page carries no QR library: a
 * payment code, a queue ticket's follow link. `label` says what scanning it does.
 */
import type { ScreenQr } from '@linli/protocol';

export function QrCode(props: { qr: ScreenQr; label: string; class: string }) {
  const { size, modules } = props.qr;
  const dark: string[] = [];
  for (let n = 0; n < modules.length; n++)
    if (modules[n] === '1') dark.push(`M${(n % size) + 4} ${Math.floor(n / size) + 4}h1v1h-1z`);
  return (
    <svg
      class={props.class}
      viewBox={`0 0 ${size + 8} ${size + 8}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
    >
      <rect width={size + 8} height={size + 8} fill="#fff" />
      <path d={dark.join('')} fill="#000" />
    </svg>
  );
}
