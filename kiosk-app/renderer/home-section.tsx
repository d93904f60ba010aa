/** A section of the home screen under its heading with a line icon (热门事项, 通知公告). */
import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './icons';

export function HomeSection(props: { id: string; icon: IconName; title: string; children: ComponentChildren }) {
  return (
    <section class={`home-section ${props.id}`} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} class="section-heading">
        <Icon name={props.icon} />
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}
