import { type Accessor, type JSX, Show } from 'solid-js';
import type { DeskSettings } from '../data/settings';
import type { Messages } from '../i18n/messages';

type Option<T extends string> = [T, () => string];

function Select<T extends string>(props: {
  label: string;
  value: T;
  options: Option<T>[];
  onChange: (v: T) => void;
  id: string;
}) {
  return (
    <label class="filter">
      <span>{props.label}</span>
      <select
        data-testid={`filter-${props.id}`}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as T)}
      >
        {props.options.map(([v, label]) => (
          <option value={v} selected={v === props.value}>
            {label()}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Window, category group, status, map metric and area level. An area's desk has no level to pick
 * (its table lists the units inside it); an agency sees which agency's reports these are, and
 * nothing offers another's.
 */
export function Filters(props: {
  settings: Accessor<DeskSettings>;
  update: (p: Partial<DeskSettings>) => void;
  t: Accessor<Messages>;
  /** The pack's name of a level ("Borough", "Phường/xã (2025)"), in the interface language. */
  levelName: (level: DeskSettings['level']) => string;
  levelFixed?: boolean;
  agency?: string;
  /** At the row's end: what acts on the filter (the export button). */
  children?: JSX.Element;
}) {
  const t = props.t;
  return (
    <div class="filters">
      <Select
        id="window"
        label={t().window}
        value={props.settings().window}
        options={[
          ['24h', () => t().window24h],
          ['7d', () => t().window7d],
          ['30d', () => t().window30d],
        ]}
        onChange={(window) => props.update({ window })}
      />
      <Select
        id="group"
        label={t().group}
        value={props.settings().group}
        options={[
          ['', () => t().allGroups],
          ['field', () => t().groupField],
          ['procedure', () => t().groupProcedure],
        ]}
        onChange={(group) => props.update({ group })}
      />
      <Select
        id="status"
        label={t().status}
        value={props.settings().status}
        options={[
          ['', () => t().allStatuses],
          ['open', () => t().open],
          ['handled', () => t().handled],
          ['rejected', () => t().rejected],
        ]}
        onChange={(status) => props.update({ status })}
      />
      <Select
        id="metric"
        label={t().metric}
        value={props.settings().metric}
        options={[
          ['received', () => t().metricReceived],
          ['open', () => t().metricOpen],
          ['overdue', () => t().metricOverdue],
        ]}
        onChange={(metric) => props.update({ metric })}
      />
      <Show when={!props.levelFixed}>
        <Select
          id="level"
          label={t().level}
          value={props.settings().level}
          options={[
            ['district', () => props.levelName('district')],
            ['commune', () => props.levelName('commune')],
          ]}
          onChange={(level) => props.update({ level })}
        />
      </Show>
      <Show when={props.agency}>
        <div class="filter fixed" data-testid="filter-agency">
          <span>{t().agency}</span>
          <strong>{props.agency}</strong>
        </div>
      </Show>
      {props.children}
    </div>
  );
}
