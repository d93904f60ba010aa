import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKioskConfig } from '../host/config';
import { speechTextOf } from '../host/speech/speech-text';
import { createSpeaker, espeakEngine } from '../host/speech/speaker';

test('guide text becomes toned pinyin with pauses, numbers as people say them, 还款 as huan', () => {
  assert.equal(speechTextOf('社保卡挂失。拨打12333'), 'she4 bao3 ka3 gua4 shi1, bo1 da3 yao1 er4 san1 san1 san1');
  assert.equal(
    speechTextOf('办理时限30日，8:30-11:30'),
    'ban4 li3 shi2 xian4 san1 shi2 ri4, ba1 dian3 san1 shi2 dao4 shi2 yi1 dian3 san1 shi2',
  );
  assert.match(speechTextOf('住房公积金还款'), /huan2 kuan3$/);
});

test('espeak-ng reads a guide sentence aloud offline (written to a WAV file here)', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-speech-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'speech.wav');
  const speaker = createSpeaker(espeakEngine({ outputFile: file }));
  assert.equal(speaker.available, true, 'espeak-ng is installed by npm test');
  await speaker.speak('社会保障卡挂失，请携带身份证到窗口办理。');
  const wav = readFileSync(file);
  assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
  const sampleRate = wav.readUInt32LE(24);
  const seconds = (wav.length - 44) / (sampleRate * 2);
  assert.ok(seconds > 1.5 && seconds < 15, `spoke for ${seconds.toFixed(1)} s`);
});

test('without the engine, read-aloud says so with a code instead of failing silently', async () => {
  const speaker = createSpeaker(espeakEngine({ command: 'no-such-tts-engine' }));
  assert.equal(speaker.available, false);
  await assert.rejects(speaker.speak('你好'), { code: 'SPEECH_UNAVAILABLE' });
});

test('a deployment plugs in its own engine: it reads the Chinese text, numbers written out, on its input', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-speech-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A stand-in voice: writes what it was given to the file named by its argument.
  const heard = path.join(dir, 'heard.txt');
  const config = loadKioskConfig({ LINLI_SPEECH_COMMAND: JSON.stringify(['tee', heard]), LINLI_SPEECH_INPUT: 'text' });
  const speaker = createSpeaker(config.speechEngine);
  assert.equal(speaker.available, true);
  await speaker.speak('工作时间 8:30-11:30，电话：0710-86231201');
  assert.equal(readFileSync(heard, 'utf8'), '工作时间 八点三十到十一点三十，电话：零七幺零，八六二三幺二零幺');
  assert.throws(() => loadKioskConfig({ LINLI_SPEECH_COMMAND: 'tee heard.txt' }), {
    code: 'CONFIG_INVALID',
    details: [{ path: '/LINLI_SPEECH_COMMAND', message: 'must be a JSON array of non-empty strings' }],
  });
});
