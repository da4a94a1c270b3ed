import type { Endpoints, FetchJson } from './api';
import type { LiveApplier } from './liveApplier';
import type { DeskModel, ModelFilter } from './model';
import { fetchHexes, fetchSnapshotParts, type SnapshotQuery } from './snapshotParts';

export interface LoaderDeps {
  get: FetchJson;
  endpoints: Endpoints;
  model: DeskModel;
  applier: LiveApplier;
  /** The resolution the map wants now: hexes fetched for another one are not drawn. */
  currentRes(): number;
  /** Something on screen changed. */
  changed(): void;
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/**
 * Takes snapshots into the model: the hexes first (drawn as soon as they arrive: the map is what
 * people look at first), the heavy aggregates after; a newer load aborts the one in flight, so a
 * filter change never lands an answer to the old filter. Each snapshot is joined to the stream
 * by its parts' `asOfEventId`s.
 */
export class SnapshotLoader {
  private whole: AbortController | null = null;
  private hexesOnly: AbortController | null = null;

  constructor(private readonly d: LoaderDeps) {}

  /** Resolves true once the snapshot is in the model, false when a newer load superseded it. */
  async load(q: SnapshotQuery, filter: ModelFilter): Promise<boolean> {
    this.whole?.abort();
    this.hexesOnly?.abort();
    const ctrl = new AbortController();
    this.whole = ctrl;
    const { get, endpoints: ep, model, applier } = this.d;
    try {
      const hexes = fetchHexes(get, ep, q, ctrl.signal);
      hexes.then(
        (h) => {
          if (ctrl.signal.aborted || h.res !== this.d.currentRes()) return;
          model.replaceHexes(h.res, h.cells, h.asOfEventId);
          applier.joinPart();
          this.d.changed();
        },
        () => {},
      );
      const parts = await fetchSnapshotParts(get, ep, q, hexes, ctrl.signal);
      if (ctrl.signal.aborted) return false;
      model.filter = filter;
      model.applySnapshot({ ...parts, hexRes: q.res, bucket: q.bucket, sinceMs: Date.parse(q.since) });
      applier.joinSnapshot();
      this.d.changed();
      return true;
    } catch (e) {
      if (ctrl.signal.aborted || isAbort(e)) return false;
      throw e;
    } finally {
      if (this.whole === ctrl) this.whole = null;
    }
  }

  /** The hexes alone, at another resolution; a newer request (or a whole load) aborts this one. */
  async loadHexes(q: SnapshotQuery): Promise<boolean> {
    this.hexesOnly?.abort();
    const ctrl = new AbortController();
    this.hexesOnly = ctrl;
    try {
      const h = await fetchHexes(this.d.get, this.d.endpoints, q, ctrl.signal);
      if (ctrl.signal.aborted || h.res !== this.d.currentRes()) return false;
      this.d.model.replaceHexes(h.res, h.cells, h.asOfEventId);
      this.d.applier.joinPart();
      this.d.changed();
      return true;
    } catch (e) {
      if (ctrl.signal.aborted || isAbort(e)) return false;
      throw e;
    } finally {
      if (this.hexesOnly === ctrl) this.hexesOnly = null;
    }
  }

  /** Aborts whatever is in flight (the page is going away). */
  stop(): void {
    this.whole?.abort();
    this.hexesOnly?.abort();
  }
}
