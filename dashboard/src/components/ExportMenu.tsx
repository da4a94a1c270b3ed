import { type Accessor, For, type JSX, Show } from 'solid-js';
import type { Messages } from '../i18n/messages';
import './export.css';

/** One file the menu offers: its label and the link, built when it is clicked (the window ends now). */
export interface ExportItem {
  id: string;
  label: () => string;
  href: () => string;
}

/**
 * "Xuất dữ liệu / Export": a button opening the files of the current filter. Each is a plain link
 * with `download`, its href written at the click so the window's start is the one shown now; the
 * server streams it and names the file. `extra` is what narrows it further (the map's area).
 */
export function ExportMenu(props: { items: ExportItem[]; t: Accessor<Messages>; extra?: JSX.Element }) {
  return (
    <details class="export-menu" data-testid="export-menu">
      <summary data-testid="export-button">{props.t().export}</summary>
      <div class="export-panel">
        <p class="note">{props.t().exportHint}</p>
        <For each={props.items}>
          {(item) => (
            <a
              href={item.href()}
              download=""
              data-testid={`export-${item.id}`}
              onClick={(e) => {
                e.currentTarget.href = item.href();
              }}
            >
              {item.label()}
            </a>
          )}
        </For>
        <Show when={props.extra}>{props.extra}</Show>
      </div>
    </details>
  );
}
