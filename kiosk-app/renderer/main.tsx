import { render } from 'preact';
import { App } from './app';
import { createHttpBridge, onBridgeEvents } from './bridge-client';
import './styles.css';

render(<App bridge={createHttpBridge()} subscribe={(listener) => onBridgeEvents(listener)} />, document.getElementById('app')!);
