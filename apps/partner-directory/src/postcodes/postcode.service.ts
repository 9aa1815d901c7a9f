import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalisePostcode, outwardCode } from '@linkway/domain';
import { ValidationFailedError } from '@linkway/util';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../directory/settings';

export interface ResolvedPostcode {
  postcode: string;
  latitude: number;
  longitude: number;
  resolution: 'postcode' | 'outward_centroid';
}

/** Splits one CSV line, honouring double quotes (ONS files quote every field). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/** Known postcodes kept in memory (a hub's area has a few thousand; ~100 bytes each). */
const POSTCODE_CACHE_MAX = 50_000;

/**
 * Postcode → coordinates from a lookup table loaded from a file in the ONS postcode directory
 * format (columns `pcds`, `lat`, `long`; others ignored). A postcode not in the table falls
 * back to the centre of its outward code's known postcodes and is recorded in
 * `postcode_misses` (reported by import and search); an unknown outward code is refused.
 */
@Injectable()
export class PostcodeService {
  private readonly logger = new Logger(PostcodeService.name);
  /** Known postcodes only (misses are recorded every time); cleared when full or reloaded. */
  private readonly cache = new Map<string, ResolvedPostcode>();

  constructor(
    private readonly db: DataSource,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
  ) {}

  /** Loads the configured file unless the same file (path, size, mtime) was loaded before. Returns rows loaded. */
  async loadConfiguredFile(): Promise<number> {
    const file = this.settings.postcodesFile;
    const stat = statSync(file);
    const signature = `${file}:${stat.size}:${stat.mtimeMs}`;
    const [done] = await this.db.query(`SELECT value FROM directory_meta WHERE key = 'postcodes_file'`);
    if (done?.value === signature) return 0;
    const count = await this.loadFile(file);
    this.cache.clear();
    await this.db.query(
      `INSERT INTO directory_meta (key, value) VALUES ('postcodes_file', $1)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [signature],
    );
    this.logger.log({ msg: 'postcodes loaded', file, rows: count });
    return count;
  }

  async loadFile(file: string): Promise<number> {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let columns: { pcds: number; lat: number; long: number } | undefined;
    let batch: Array<[string, string, number, number]> = [];
    let count = 0;
    for await (const line of lines) {
      if (!line.trim()) continue;
      const fields = csvFields(line);
      if (!columns) {
        const index = (name: string) => fields.findIndex((f) => f.toLowerCase() === name);
        columns = { pcds: index('pcds'), lat: index('lat'), long: index('long') };
        if (Object.values(columns).some((i) => i < 0))
          throw new Error(`${file}: the header must name the columns pcds, lat and long`);
        continue;
      }
      const pcds = normalisePostcode(fields[columns.pcds] ?? '');
      const lat = Number(fields[columns.lat]);
      const long = Number(fields[columns.long]);
      // ONS marks postcodes without a grid reference with lat 99.999999
      if (!pcds || !Number.isFinite(lat) || !Number.isFinite(long) || Math.abs(lat) > 90) continue;
      batch.push([pcds, pcds.split(' ')[0] ?? '', lat, long]);
      if (batch.length >= 1000) {
        count += await this.insert(batch);
        batch = [];
      }
    }
    count += await this.insert(batch);
    return count;
  }

  private async insert(rows: Array<[string, string, number, number]>): Promise<number> {
    if (!rows.length) return 0;
    await this.db.query(
      `INSERT INTO postcodes (pcds, outward, latitude, longitude)
       SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[])
       ON CONFLICT (pcds) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
    return rows.length;
  }

  /** Coordinates of a postcode (or an outward code alone); throws VALIDATION_FAILED when neither is known. */
  async resolve(raw: string, field = 'postcode'): Promise<ResolvedPostcode> {
    const resolved = await this.tryResolve(raw);
    if (!resolved)
      throw new ValidationFailedError('Unknown postcode', [
        { field, reason: `"${raw}" is not a known UK postcode or outward code` },
      ]);
    return resolved;
  }

  async tryResolve(raw: string): Promise<ResolvedPostcode | null> {
    const full = normalisePostcode(raw);
    if (full) {
      // every search by postcode resolves one: a known postcode is answered from memory
      const cached = this.cache.get(full);
      if (cached) return cached;
      const [row] = await this.db.query(`SELECT latitude, longitude FROM postcodes WHERE pcds = $1`, [full]);
      if (row) {
        const hit: ResolvedPostcode = {
          postcode: full,
          latitude: row.latitude,
          longitude: row.longitude,
          resolution: 'postcode',
        };
        if (this.cache.size >= POSTCODE_CACHE_MAX) this.cache.clear();
        this.cache.set(full, hit);
        return hit;
      }
    }
    const outward = outwardCode(raw);
    if (!outward) return null;
    const [centroid] = await this.db.query(
      `SELECT avg(latitude) AS latitude, avg(longitude) AS longitude FROM postcodes WHERE outward = $1 HAVING count(*) > 0`,
      [outward],
    );
    const key = full ?? outward;
    // an outward code asked for on purpose is not a miss; a full postcode we do not know is
    if (full)
      await this.db.query(
        `INSERT INTO postcode_misses (postcode, resolution) VALUES ($1, $2)
       ON CONFLICT (postcode) DO UPDATE SET times = postcode_misses.times + 1, last_seen = now(), resolution = excluded.resolution`,
        [key, centroid ? 'outward_centroid' : 'unknown'],
      );
    if (!centroid) return null;
    if (full)
      this.logger.warn({ msg: 'postcode not in lookup; outward centroid used', postcode: full, outward });
    return {
      postcode: key,
      latitude: Number(centroid.latitude),
      longitude: Number(centroid.longitude),
      resolution: 'outward_centroid',
    };
  }
}
