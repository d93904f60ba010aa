import { render } from 'preact';
import { App } from './app';
import { createBridge, onBridgeEvents } from './bridge-client';
import './styles.css';

render(<App bridge={createBridge()} subscribe={(listener) => onBridgeEvents(listener)} />, document.getElementById('app')!);
