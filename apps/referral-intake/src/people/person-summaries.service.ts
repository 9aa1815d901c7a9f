import { Injectable } from '@nestjs/common';
import type { PersonSummariesV1 } from '@linkway/contracts';
import { DataSource } from 'typeorm';

/**
 * Short summaries of people for lists (a caseload): the name from each person's latest
 * referral, the age in whole years today in the UK, and only the postcode's outward code.
 */
@Injectable()
export class PersonSummariesService {
  constructor(private readonly dataSource: DataSource) {}

  async summaries(personIds: readonly string[]): Promise<PersonSummariesV1> {
    const ids = [...new Set(personIds)];
    if (!ids.length) return { items: [] };
    const rows: Array<{
      person_id: string;
      given_name: string;
      family_name: string;
      age: number;
      compact: string;
      safeguarding: boolean;
    }> = await this.dataSource.query(
      `SELECT DISTINCT ON (r.person_id) r.person_id, r.given_name, r.family_name,
                date_part('year', age((now() AT TIME ZONE 'Europe/London')::date, r.date_of_birth))::int AS age,
                replace(upper(r.postcode), ' ', '') AS compact,
                EXISTS (SELECT 1 FROM referral s WHERE s.person_id = r.person_id AND s.safeguarding) AS safeguarding
           FROM referral r
          WHERE r.person_id = ANY($1::uuid[])
          ORDER BY r.person_id, r.created_at DESC`,
      [ids],
    );
    return {
      items: rows.map((row) => ({
        personId: row.person_id,
        displayName: `${row.given_name} ${row.family_name}`.trim(),
        age: row.age,
        // a UK postcode's inward code is always its last three characters
        postcodeDistrict: row.compact.length > 3 ? row.compact.slice(0, -3) : row.compact,
        safeguarding: row.safeguarding,
      })),
    };
  }
}
