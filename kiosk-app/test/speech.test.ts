import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { speechTextOf } from '../host/speech/speech-text';
import { createEspeakSpeaker } from '../host/speech/speaker';

test('guide text becomes toned pinyin with pauses, digits read one by one, 还款 as huan', () => {
  assert.equal(speechTextOf('社保卡挂失。拨打12333'), 'she4 bao3 ka3 gua4 shi1, bo1 da3 yi1 er4 san1 san1 san1');
  assert.match(speechTextOf('住房公积金还款'), /huan2 kuan3$/);
});

test('espeak-ng reads a guide sentence aloud offline (written to a WAV file here)', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-speech-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'speech.wav');
  const speaker = createEspeakSpeaker({ outputFile: file });
  assert.equal(speaker.available, true, 'espeak-ng is installed by npm test');
  await speaker.speak('社会保障卡挂失，请携带身份证到窗口办理。');
  const wav = readFileSync(file);
  assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
  const sampleRate = wav.readUInt32LE(24);
  const seconds = (wav.length - 44) / (sampleRate * 2);
  assert.ok(seconds > 1.5 && seconds < 15, `spoke for ${seconds.toFixed(1)} s`);
});

test('without the engine, read-aloud says so with a code instead of failing silently', async () => {
  const speaker = createEspeakSpeaker({ command: 'no-such-tts-engine' });
  assert.equal(speaker.available, false);
  await assert.rejects(speaker.speak('你好'), { code: 'SPEECH_UNAVAILABLE' });
});
