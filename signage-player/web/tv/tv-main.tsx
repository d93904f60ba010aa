/**
 * Entry of the TV page (the player's `tv` profile), bundled on its own for set-top boxes' older
 * browsers: ES2017 syntax, one classic script, no pdf.js (player-page.ts builds and serves it when
 * the host's profile is tv). The same host bridge as the signage page; the app renders into
 * `#player`, else a new element at the end of <body>.
 */
import { render } from 'preact';
import { httpPlayerSource } from '../player-source';
import { TvApp } from './tv-app';
import '../player.css';
import './tv.css';

/**
 * Browsers before Chromium 64 have no ResizeObserver, which fitted text (the alert screen, cards)
 * and paged notices use: there they are measured when observed and again when the window resizes.
 */
function resizeObserverFallback(): void {
  if ('ResizeObserver' in window) return;
  class WindowResizeObserver {
    private readonly targets = new Set<Element>();
    private readonly onResize = () => this.callback([], this as unknown as ResizeObserver);
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      if (this.targets.size === 0) window.addEventListener('resize', this.onResize);
      this.targets.add(target);
      this.onResize();
    }
    unobserve(target: Element) {
      this.targets.delete(target);
      if (this.targets.size === 0) window.removeEventListener('resize', this.onResize);
    }
    disconnect() {
      this.targets.clear();
      window.removeEventListener('resize', this.onResize);
    }
  }
  (window as { ResizeObserver?: unknown }).ResizeObserver = WindowResizeObserver;
}

function playerRoot(): HTMLElement {
  const existing = document.getElementById('player');
  if (existing) return existing;
  const root = document.createElement('div');
  root.id = 'player';
  document.body.appendChild(root);
  return root;
}

resizeObserverFallback();
render(<TvApp source={httpPlayerSource()} />, playerRoot());
