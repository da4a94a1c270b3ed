/** Planned transitions ordered by time: a binary min-heap, so a tick pops only what is due. */
export interface Planned {
  atMs: number;
  reportId: number;
  action: 'accept' | 'start' | 'resolve' | 'close' | 'reject' | 'reopen';
  rating?: number;
}

export class Timeline {
  private heap: Planned[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(p: Planned): void {
    const h = this.heap;
    h.push(p);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].atMs <= h[i].atMs) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  /** Removes and returns everything due at or before `nowMs`, earliest first. */
  popDue(nowMs: number): Planned[] {
    const out: Planned[] = [];
    while (this.heap.length && this.heap[0].atMs <= nowMs) out.push(this.pop());
    return out;
  }

  private pop(): Planned {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].atMs < h[m].atMs) m = l;
        if (r < h.length && h[r].atMs < h[m].atMs) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
