/** The home screen's self-service tiles (读取身份证, 打印表格), shown for the devices this kiosk has. */
import type { Locale } from '@linli/protocol';
import { STRINGS } from './i18n';
import { Icon, type IconName } from './icons';

export interface ServiceTile {
  name: string;
  hint: string;
  icon: IconName;
  onOpen: () => void;
}

export function ServiceTiles(props: { locale: Locale; tiles: ServiceTile[] }) {
  if (props.tiles.length === 0) return null;
  return (
    <section aria-label={STRINGS[props.locale].services}>
      <ul class="tiles service-tiles" role="list">
        {props.tiles.map((tile) => (
          <li key={tile.name}>
            <button class="tile tile-service" onClick={tile.onOpen}>
              <Icon name={tile.icon} class="tile-icon" />
              <span class="tile-name">{tile.name}</span>
              <span class="tile-count">{tile.hint}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
