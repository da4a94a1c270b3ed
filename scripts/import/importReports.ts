import { basename } from 'node:path';
import { eq } from 'drizzle-orm';
import { cityClock } from '../../core/cityClock';
import type { CityPack } from '../../core/cityPack';
import type { Connection } from '../../db/connect';
import { meta } from '../../db/schema';
import { createCatalogStore } from '../../db/stores/catalog';
import { buildAreaIndex } from '../../geo/areaIndex';
import { slaClock } from '../../api/runtime';
import { ImportError } from './importError';
import type { ImportFormat, Mapping } from './mapping';
import { Progress, type ProgressEffects, defaultProgressEffects } from './progress';
import { openReader } from './readers';
import { createRecordReader } from './record';
import { RejectsFile } from './rejects';
import { copyWriter } from './copyWriter';
import { type BatchWriter, arraysWriter } from './writers';

export interface ImportRequest {
  file: string;
  format: ImportFormat;
  mapping: Mapping;
  pack: CityPack;
  conn: Connection;
  /** Set on Postgres: batches then go through COPY on a connection of the import's own. */
  databaseUrl?: string;
  now?: () => Date;
  progress?: ProgressEffects;
  /** Rows per committed batch (the writers' defaults otherwise). */
  batchRows?: number;
}

export interface ImportSummary {
  /** Records read from the file (good and rejected). */
  read: number;
  added: number;
  /** Good records whose dataset and id were already stored (a re-import, or a repeat in the file). */
  alreadyStored: number;
  rejected: number;
  /** The rejects file, or null when nothing was rejected. */
  rejectsFile: string | null;
  batches: number;
  seconds: number;
}

/** The database holds one city: importing another city's reports into it is refused. */
async function checkCity(conn: Connection, pack: CityPack): Promise<void> {
  const [row] = await conn.db.select().from(meta).where(eq(meta.key, 'city'));
  const code = (row?.value as { code?: string } | undefined)?.code;
  if (code && code !== pack.code)
    throw new ImportError(`this database holds the city "${code}", not "${pack.code}" (--city or CITY)`);
  // Categories are a foreign key of reports, and areas are what points are located in.
  await createCatalogStore(conn.db).loadPack(pack);
}

/**
 * Streams FILE into `reports`: each record read, checked and turned into a report (record.ts),
 * good ones stored a batch per transaction with one `reports.imported` event each, rejected ones
 * written to FILE.rejected.csv. A batch commits whole or not at all; a run that stops half-way is
 * finished by running it again (what is stored is skipped by its dataset and id).
 */
export async function importReports(req: ImportRequest): Promise<ImportSummary> {
  const { file, format, mapping, pack, conn } = req;
  const now = req.now ?? (() => new Date());
  const started = performance.now();
  await checkCity(conn, pack);
  const readRecord = createRecordReader({
    mapping,
    pack,
    clock: cityClock(pack.timezone),
    sla: slaClock(pack),
    districts: buildAreaIndex(pack.areas, 'district'),
    communes: buildAreaIndex(pack.areas, 'commune'),
    now: now(),
  });
  const reader = await openReader(file, format).catch((e: Error) => {
    throw new ImportError(`${file}: ${e.message}`);
  });
  const writerOptions = {
    importSource: mapping.name,
    publicIdPrefix: pack.publicIdPrefix,
    timezone: pack.timezone,
    file: basename(file),
    now,
  };
  const writer: BatchWriter =
    conn.kind === 'postgres' && req.databaseUrl
      ? await copyWriter(req.databaseUrl, writerOptions, req.batchRows)
      : arraysWriter(conn, writerOptions, req.batchRows);
  const rejects = new RejectsFile(file, format === 'csv' ? 'line' : 'item');
  const progress = new Progress(reader.size, req.progress ?? defaultProgressEffects());
  const s = { read: 0, added: 0, good: 0, batches: 0 };
  const commit = async () => {
    const r = await writer.flush();
    if (r.rows > 0) s.batches++;
    s.added += r.added;
  };
  try {
    for await (const item of readerErrorsAsImportErrors(reader.items(), file)) {
      s.read++;
      if ('malformed' in item) {
        const m = item.malformed;
        await rejects.write(m.line, { reason: 'malformed_record', field: null, value: m.message }, m.raw);
      } else {
        const out = readRecord(item.record);
        if ('rejected' in out) {
          await rejects.write(item.record.line, out.rejected, item.record.raw);
        } else {
          s.good++;
          await writer.add(out.row);
          if (writer.pending >= writer.batchRows) await commit();
        }
      }
      progress.update(reader.bytesRead(), s.read);
    }
    await commit();
    progress.done(reader.size, s.read);
  } finally {
    await writer.close();
    await rejects.close();
  }
  return {
    read: s.read,
    added: s.added,
    alreadyStored: s.good - s.added,
    rejected: rejects.count,
    rejectsFile: rejects.count > 0 ? rejects.path : null,
    batches: s.batches,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The reader's failures (unreadable file, broken JSON) as the user's error; the database's stay as they are. */
async function* readerErrorsAsImportErrors<T>(items: AsyncIterable<T>, file: string): AsyncGenerator<T> {
  try {
    for await (const item of items) yield item;
  } catch (e) {
    throw new ImportError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
