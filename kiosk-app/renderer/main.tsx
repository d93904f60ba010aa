import { render } from 'preact';
import { createBridge, onBridgeEvents } from './bridge-client';
import { Kiosk } from './kiosk';
import { installPageLockdown } from './page-lockdown';
import './styles.css';

installPageLockdown(window);
render(
  <Kiosk bridge={createBridge()} subscribe={(listener) => onBridgeEvents(listener)} />,
  document.getElementById('app')!,
);
