import type { Polygon } from 'geojson';
import { type Accessor, createEffect, createSignal, onCleanup, Show } from 'solid-js';
import {
  addCorner,
  type DraftProblem,
  draftPolygon,
  type LngLat,
  MIN_CORNERS,
  reachesOutside,
  undoCorner,
} from '../data/polygonDraft';
import type { ScopeShapes } from '../data/useScopeShapes';
import type { Messages } from '../i18n/messages';
import type { RGB } from '../map/colour';
import type { MapCapture } from '../map/mapCapture';

type Problem = DraftProblem | 'outside_area';

const PROBLEM_TEXT: Record<Problem, (t: Messages) => string> = {
  too_few: (t) => t.drawTooFew,
  no_area: (t) => t.drawNoArea,
  edges_cross: (t) => t.drawEdgesCross,
  outside_area: (t) => t.drawOutsideArea,
};

/**
 * Drawing a polygon on the map for a form: while open, each click on the map places a corner
 * (mapCapture.ts takes the map's clicks, and draws the sketch in `colour`); undo the last corner,
 * clear them, finish with at least three (checked as the server would, and inside `scope` when
 * given: a chief's area), or cancel with Esc. `onPolygon` gets the finished polygon, or null
 * whenever there is none.
 */
export function PolygonDraw(props: {
  capture: MapCapture;
  colour: Accessor<RGB>;
  /** Where the polygon must lie (a chief's areas); finishing waits for them to arrive. */
  scope: ScopeShapes;
  onPolygon: (p: Polygon | null) => void;
  t: Accessor<Messages>;
}) {
  const t = props.t;
  const [corners, setCorners] = createSignal<readonly LngLat[]>([]);
  // Drawing from the start: choosing "draw a polygon" is the intent to click on the map.
  const [drawing, setDrawing] = createSignal(true);
  const [problem, setProblem] = createSignal<Problem | null>(null);

  const edit = (next: readonly LngLat[]) => {
    setCorners(next);
    setProblem(null);
  };
  const start = () => {
    props.onPolygon(null);
    setProblem(null);
    setDrawing(true);
  };
  const cancel = () => {
    edit([]);
    setDrawing(false);
    props.onPolygon(null);
  };
  const finish = () => {
    const { polygon, problem } = draftPolygon(corners());
    const scope = props.scope.shapes();
    const refusal = problem ?? (polygon && scope && reachesOutside(polygon, scope) ? 'outside_area' : null);
    if (refusal || !polygon) {
      setProblem(refusal);
      return;
    }
    setDrawing(false);
    props.onPolygon(polygon);
  };

  const release = props.capture.take({
    sketch: () => ({ corners: corners(), closed: !drawing(), colour: props.colour() }),
    onClick: (at) => edit(addCorner(corners(), at)),
  });
  // Gone from the form (another kind of place, the form closed): the map and the polygon go too.
  onCleanup(() => {
    release();
    props.onPolygon(null);
  });

  createEffect(() => {
    if (!drawing()) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  const count = () => `${corners().length} ${t().drawCorners}`;
  return (
    <div
      class="polygon-draw"
      data-testid="alert-draw"
      data-state={drawing() ? 'drawing' : corners().length ? 'done' : 'idle'}
    >
      <Show
        when={drawing()}
        fallback={
          <Show
            when={corners().length > 0}
            fallback={
              <button type="button" onClick={start} data-testid="alert-draw-start">
                {t().drawStart}
              </button>
            }
          >
            <span class="hint" data-testid="alert-draw-status">
              {t().drawDone} · {count()}
            </span>
            <button type="button" onClick={start} data-testid="alert-draw-edit">
              {t().drawEdit}
            </button>
            <button type="button" onClick={cancel} data-testid="alert-draw-clear">
              {t().drawClear}
            </button>
          </Show>
        }
      >
        <span class="hint" data-testid="alert-draw-status">
          {t().drawHint} · {count()}
        </span>
        <button
          type="button"
          onClick={() => edit(undoCorner(corners()))}
          disabled={corners().length === 0}
          data-testid="alert-draw-undo"
        >
          {t().drawUndo}
        </button>
        <button type="button" onClick={() => edit([])} disabled={corners().length === 0} data-testid="alert-draw-clear">
          {t().drawClear}
        </button>
        <button
          type="button"
          onClick={finish}
          disabled={corners().length < MIN_CORNERS || props.scope.loading()}
          data-testid="alert-draw-finish"
        >
          {t().drawFinish}
        </button>
        <button type="button" onClick={cancel} data-testid="alert-draw-cancel">
          {t().drawCancel}
        </button>
      </Show>
      <Show when={problem()}>
        {(p) => (
          <span class="error" role="alert" data-testid="alert-draw-problem">
            {PROBLEM_TEXT[p()](t())}
          </span>
        )}
      </Show>
    </div>
  );
}
