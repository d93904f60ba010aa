/**
 * What a page can lock by itself in the browser shell (Chromium --kiosk and the OS do the rest):
 * no context menu, no text selection or dragging outside inputs, no pinch or ctrl-zoom, no new
 * windows, no print dialog, no links leading out of the app.
 */
const EDITABLE = 'input, textarea, [contenteditable="true"]';

function isEditable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(EDITABLE) !== null;
}

export function installPageLockdown(win: Window): void {
  const doc = win.document;
  const block = (event: Event) => event.preventDefault();
  doc.addEventListener('contextmenu', block);
  doc.addEventListener('dragstart', block);
  doc.addEventListener('dragover', block);
  doc.addEventListener('drop', block);
  doc.addEventListener('selectstart', (event) => {
    if (!isEditable(event.target)) event.preventDefault();
  });
  // Pinch on touchpads arrives as ctrl+wheel; Safari-style gesture events for other engines.
  win.addEventListener(
    'wheel',
    (event) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener('gesturestart', block);
  doc.addEventListener(
    'touchmove',
    (event) => {
      if (event.touches.length > 1) event.preventDefault();
    },
    { passive: false },
  );
  doc.addEventListener('keydown', (event) => {
    const withModifier = event.ctrlKey || event.metaKey;
    const blockedCombination =
      withModifier && ['p', 's', 'o', 'u', 'f', 'g', '+', '-', '=', '0'].includes(event.key.toLowerCase());
    if (blockedCombination || ['F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12'].includes(event.key)) event.preventDefault();
  });
  doc.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (link && new URL((link as HTMLAnchorElement).href, win.location.href).origin !== win.location.origin)
        event.preventDefault();
    },
    true,
  );
  win.open = () => null;
  win.print = () => undefined;
}
