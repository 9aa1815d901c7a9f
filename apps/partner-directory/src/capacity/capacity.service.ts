import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  DirectoryCapacityReleasedV1,
  DirectoryCapacityReleaseV1,
  DirectoryCapacityReservationV1,
  DirectoryCapacityReserveV1,
} from '@linkway/contracts';
import { CAPACITY_WINDOW_DAYS, placesLeft, reservationRefusal } from '@linkway/domain';
import { ConflictError, NotFoundError, uuidv7 } from '@linkway/util';
import { SearchIndex } from '../directory/search-index';

/**
 * Places at partner services for onward referrals. A reservation locks the service row
 * (`SELECT … FOR UPDATE`), so concurrent reservations for one service queue up and each
 * counts the ones committed before it: no overbooking. The idempotency key is unique, checked
 * under the same lock, so a retried reserve returns the first reservation.
 */
@Injectable()
export class CapacityService {
  private readonly logger = new Logger(CapacityService.name);

  constructor(
    private readonly db: DataSource,
    private readonly index: SearchIndex,
  ) {}

  async reserve(request: DirectoryCapacityReserveV1): Promise<DirectoryCapacityReservationV1> {
    const result = await this.db.transaction(async (manager) => {
      const [service] = await manager.query(
        `SELECT id, accepting, max_new_per_week FROM services WHERE id = $1 FOR UPDATE`,
        [request.serviceId],
      );
      if (!service) throw new NotFoundError('Service', request.serviceId);
      const [previous] = await manager.query(
        `SELECT id, service_id, reserved_at, released_at FROM capacity_reservations WHERE idempotency_key = $1`,
        [request.idempotencyKey],
      );
      if (previous && previous.service_id !== request.serviceId)
        throw new ConflictError('Idempotency key already used for another service', [
          { field: 'idempotencyKey', reason: `used for service ${previous.service_id}` },
        ]);
      const [{ count }] = await manager.query(
        `SELECT count(*)::int AS count FROM capacity_reservations
         WHERE service_id = $1 AND released_at IS NULL AND reserved_at > now() - make_interval(days => $2)`,
        [request.serviceId, CAPACITY_WINDOW_DAYS],
      );
      const state = {
        accepting: service.accepting,
        maxNewPerWeek: service.max_new_per_week,
        reservedThisWeek: count,
      };
      // a retry of a reservation still held: the same place, nothing new taken
      if (previous && !previous.released_at)
        return {
          id: previous.id as string,
          at: previous.reserved_at as Date,
          left: placesLeft(state),
          replayed: true,
        };
      const refusal = reservationRefusal(state);
      if (refusal)
        throw new ConflictError(`No place at service ${request.serviceId}: ${refusal}`, [
          { field: 'serviceId', reason: refusal },
        ]);
      const after = placesLeft({ ...state, reservedThisWeek: count + 1 });
      if (previous) {
        // released, then asked for again with the same key (a retried attempt after a failure): take a place again
        const [[row]] = await manager.query(
          `UPDATE capacity_reservations SET released_at = NULL, reserved_at = now() WHERE id = $1 RETURNING reserved_at`,
          [previous.id],
        );
        return { id: previous.id as string, at: row.reserved_at as Date, left: after, replayed: false };
      }
      const id = uuidv7();
      const [row] = await manager.query(
        `INSERT INTO capacity_reservations (id, service_id, idempotency_key, reference) VALUES ($1, $2, $3, $4) RETURNING reserved_at`,
        [id, request.serviceId, request.idempotencyKey, request.reference ?? null],
      );
      return { id, at: row.reserved_at as Date, left: after, replayed: false };
    });
    // this process's next search counts the place at once, not when NOTIFY comes back
    this.index.capacityChanged(request.serviceId);
    this.logger.log({
      msg: result.replayed ? 'reservation replayed' : 'place reserved',
      serviceId: request.serviceId,
      reservationId: result.id,
    });
    return {
      reservationId: result.id,
      serviceId: request.serviceId,
      reservedAt: result.at.toISOString(),
      placesLeft: result.left,
      replayed: result.replayed,
    };
  }

  async release(request: DirectoryCapacityReleaseV1): Promise<DirectoryCapacityReleasedV1> {
    // pg UPDATE … RETURNING answers [rows, affected] through TypeORM
    const [released] = (await this.db.query(
      `UPDATE capacity_reservations SET released_at = now() WHERE id = $1 AND released_at IS NULL
       RETURNING service_id, released_at`,
      [request.reservationId],
    )) as [Array<{ service_id: string; released_at: Date }>, number];
    let row = released[0];
    const alreadyReleased = !row;
    if (!row) {
      [row] = await this.db.query(`SELECT service_id, released_at FROM capacity_reservations WHERE id = $1`, [
        request.reservationId,
      ]);
      if (!row) throw new NotFoundError('Reservation', request.reservationId);
    }
    this.index.capacityChanged(row.service_id);
    this.logger.log({
      msg: alreadyReleased ? 'release replayed' : 'place released',
      reservationId: request.reservationId,
    });
    return {
      reservationId: request.reservationId,
      serviceId: row.service_id,
      releasedAt: row.released_at.toISOString(),
      alreadyReleased,
    };
  }
}
