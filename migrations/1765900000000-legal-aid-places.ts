import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Where and how an appointment takes place:
 * - `legal_provider.address`, `lat_e6`, `lng_e6`: the office where the provider meets holders in
 *   person (coordinates in millionths of a degree, GCJ-02, for the phone's map); all nullable, the
 *   district desk's window being the place when no address is given.
 * - `legal_appointment.meeting_link`: the video meeting (a link or a meeting number) the provider
 *   sets for a video consultation; null until set.
 */
export class LegalAidPlaces1765900000000 implements MigrationInterface {
  name = 'LegalAidPlaces1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('legal_provider', [
      new TableColumn({ name: 'address', type: 'varchar', length: '128', isNullable: true }),
      new TableColumn({ name: 'lat_e6', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'lng_e6', type: 'integer', isNullable: true }),
    ]);
    await q.addColumn(
      'legal_appointment',
      new TableColumn({ name: 'meeting_link', type: 'varchar', length: '255', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('legal_appointment', 'meeting_link');
    await q.dropColumns('legal_provider', ['address', 'lat_e6', 'lng_e6']);
  }
}
