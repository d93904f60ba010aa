/**
 * 拍摄现场照片: the case form's optional photo through the kiosk's camera. The step tells the host it
 * is on screen (openCaseCamera: the Electron shell grants the camera, video only, while the host
 * says so) and that it is left (closeCaseCamera). The camera runs only while this step shows and
 * no photo is taken yet: its tracks stop the moment the photo is taken, when the resident says 不要照片
 * or goes back, and when the visit ends (the step unmounts with the visit). The photo is a JPEG at
 * most PHOTO_LONGEST_SIDE px on its longer side — far under the server's 8 MB — kept as a data URL
 * in the form's draft only (the page's CSP allows data: images; no object URL to revoke), and the
 * canvas it was drawn on is emptied at once. Without a camera, or without leave to use it, the
 * step says so and the form goes on without a photo.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KioskBridge } from '@linli/protocol';
import type { CaseStrings } from './case-strings';

/** The longer side of a photo, in pixels: enough to read a sign or a meter, small enough to send. */
export const PHOTO_LONGEST_SIDE = 1600;
const PHOTO_QUALITY = 0.85;

type CameraState =
  { kind: 'starting' } | { kind: 'live' } | { kind: 'saving' } | { kind: 'failed'; reason: 'none' | 'denied' | 'busy' };

/** Why getUserMedia failed, as the resident is told. */
function failureOf(error: unknown): 'none' | 'denied' | 'busy' {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  return 'busy';
}

/** The frame the video shows now as a JPEG data URL, no longer than PHOTO_LONGEST_SIDE; the canvas is emptied after. */
async function capture(video: HTMLVideoElement): Promise<string> {
  const scale = Math.min(1, PHOTO_LONGEST_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  try {
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((made) => (made ? resolve(made) : reject(new Error('no JPEG'))), 'image/jpeg', PHOTO_QUALITY),
    );
    return await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  } finally {
    // The pixels go with the canvas: nothing of the frame stays in it.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** The base64 text of a JPEG data URL, as submitCase takes it. */
export const jpegBase64Of = (dataUrl: string) => dataUrl.slice(dataUrl.indexOf(',') + 1);

export function CameraStep(props: {
  t: CaseStrings;
  bridge: KioskBridge;
  onTaken: (dataUrl: string) => void;
  onNoPhoto: () => void;
}) {
  const { t, bridge } = props;
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  /** The host told the camera is no longer wanted; a new try waits for it, so the two cannot cross. */
  const closing = useRef<Promise<unknown>>(Promise.resolve());

  /** Stops the camera (every track) and tells the host the camera is no longer wanted. */
  const stopCamera = () => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    if (video.current) video.current.srcObject = null;
    closing.current = bridge.closeCaseCamera({}).catch(() => undefined);
  };

  useEffect(() => {
    let left = false;
    setState({ kind: 'starting' });
    void (async () => {
      // Left while the camera was starting: whatever was opened closes again at once.
      const closeAgain = () => void bridge.closeCaseCamera({}).catch(() => undefined);
      try {
        await closing.current;
        if (left) return;
        await bridge.openCaseCamera({});
        if (left) return closeAgain();
        if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('no camera API', 'NotFoundError');
        const opened = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 1920 }, height: { ideal: 1080 } },
          audio: false,
        });
        if (left) {
          opened.getTracks().forEach((track) => track.stop());
          return closeAgain();
        }
        stream.current = opened;
        // Live once the picture shows (its size known): the shutter takes no empty frame.
        const shown = video.current;
        if (shown) {
          shown.srcObject = opened;
          if (shown.readyState < HTMLMediaElement.HAVE_CURRENT_DATA)
            await new Promise((resolve) => shown.addEventListener('loadeddata', resolve, { once: true }));
          await shown.play().catch(() => undefined);
        }
        if (left) return;
        setState({ kind: 'live' });
      } catch (error) {
        if (left) return;
        stopCamera();
        setState({ kind: 'failed', reason: failureOf(error) });
      }
    })();
    return () => {
      left = true;
      stopCamera();
    };
  }, [attempt]);

  const take = async () => {
    const shown = video.current;
    if (!shown || shown.videoWidth === 0) return;
    setState({ kind: 'saving' });
    try {
      const dataUrl = await capture(shown);
      stopCamera();
      props.onTaken(dataUrl);
    } catch {
      stopCamera();
      setState({ kind: 'failed', reason: 'busy' });
    }
  };
  const noPhoto = () => {
    stopCamera();
    props.onNoPhoto();
  };

  return (
    <div class="case-camera" data-camera={state.kind}>
      {state.kind === 'failed' ? (
        <>
          <p class="task-error" role="alert">
            {state.reason === 'none' ? t.cameraNone : state.reason === 'denied' ? t.cameraDenied : t.cameraBusy}
          </p>
          <div class="screen-buttons">
            <button class="primary" onClick={noPhoto}>
              {t.continueWithout}
            </button>
            {state.reason === 'busy' && <button onClick={() => setAttempt((value) => value + 1)}>{t.tryAgain}</button>}
          </div>
        </>
      ) : (
        <>
          <p class="case-lead">{t.cameraLead}</p>
          <div class="case-camera-view">
            <video ref={video} autoplay muted playsInline aria-label={t.cameraLabel} />
            {state.kind !== 'live' && (
              <p class="case-camera-status" role="status">
                {state.kind === 'saving' ? t.photoSaving : t.cameraStarting}
              </p>
            )}
          </div>
          <div class="screen-buttons">
            <button class="primary case-shutter" disabled={state.kind !== 'live'} onClick={() => void take()}>
              {t.takePhoto}
            </button>
            <button onClick={noPhoto}>{t.noPhoto}</button>
          </div>
        </>
      )}
    </div>
  );
}
