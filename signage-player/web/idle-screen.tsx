/** Before anything is published to this screen: its name, the clock and 等待发布内容, calmly. */
import { ClockFace } from './clock-face';
import { browserTimeZone } from './clock-text';

export function IdleScreen(props: { deviceName: string }) {
  return (
    <section class="idle-screen">
      <div class="idle-name">{props.deviceName}</div>
      <div class="idle-clock">
        <ClockFace show="date-time" timeZone={browserTimeZone()} />
      </div>
      <div class="idle-waiting">等待发布内容</div>
    </section>
  );
}
