/**
 * Entry of the web player page: the Player over the browser shell's HTTP bridge, drawing PDF pages
 * with pdf.js (its files served by the shell too). The page the
 * host serves carries `<meta name="linli-boot-token">`, player.css and this script; the player
 * renders into `#player` when the page has one, else into a new element at the end of <body>.
 */
import { render } from 'preact';
import { Player } from './player';
import { createPdfRenderer } from './pdf-renderer';
import { httpPlayerSource } from './player-source';
import './player.css';

function playerRoot(): HTMLElement {
  const existing = document.getElementById('player');
  if (existing) return existing;
  const root = document.createElement('div');
  root.id = 'player';
  document.body.append(root);
  return root;
}

render(<Player source={httpPlayerSource()} pdf={createPdfRenderer()} />, playerRoot());
