import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * `merchant.license_file_id`: the photo of the business licence the applicant uploaded with the
 * application (a private `document` file, read by the applicant and the reviewing staff); null on
 * applications made before it was asked for.
 */
export class MerchantLicencePhoto1766000000000 implements MigrationInterface {
  name = 'MerchantLicencePhoto1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('merchant', new TableColumn({ name: 'license_file_id', type: 'integer', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('merchant', 'license_file_id');
  }
}
