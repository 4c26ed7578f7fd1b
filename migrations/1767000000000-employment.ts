import { MigrationInterface, QueryRunner, Table, type TableColumnOptions } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/** The columns every status-history table shares, after its subject's id and action. */
const historyColumns = (subject: string): TableColumnOptions[] => [
  id,
  { name: subject, type: 'integer' },
  { name: 'action', type: 'varchar', length: '16' },
  { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
  { name: 'to_status', type: 'varchar', length: '16' },
  { name: 'actor_account_id', type: 'integer', isNullable: true },
  { name: 'actor_role', type: 'varchar', length: '16' },
  { name: 'reason', type: 'varchar', length: '500', isNullable: true },
  { name: 'created_at', type: 'datetime' },
];

/**
 * Employment (就业超市): `employer` (an applicant's company, reviewed by district staff) with its
 * history; `job_posting` with its history and holders' saves; `job_profile`, a holder's own profile;
 * `job_application`, with a snapshot of the profile taken when applying, a unique key per posting
 * and holder and a per-holder daily limit settled by a unique key (`<account>:<day>:<n>`), and its
 * history; `job_fair` with its participating employers, signups (capacity kept by a guarded counter)
 * and the intentions (意向) reached at it.
 */
export class Employment1767000000000 implements MigrationInterface {
  name = 'Employment1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'employer',
        columns: [
          id,
          { name: 'owner_account_id', type: 'integer' },
          { name: 'company_name', type: 'varchar', length: '100' },
          { name: 'credit_code', type: 'varchar', length: '18' },
          { name: 'contact_name', type: 'varchar', length: '32' },
          { name: 'contact_phone', type: 'varchar', length: '20' },
          { name: 'address', type: 'varchar', length: '200' },
          { name: 'licence_file_id', type: 'integer', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'reviewed_by', type: 'integer', isNullable: true },
          { name: 'reviewed_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [
          { name: 'ix_employer_owner', columnNames: ['owner_account_id', 'id'] },
          { name: 'ix_employer_status', columnNames: ['status', 'id'] },
        ],
        foreignKeys: [
          { name: 'fk_employer_owner', columnNames: ['owner_account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_employer_licence', columnNames: ['licence_file_id'], referencedTableName: 'stored_file', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'employer_event',
        columns: historyColumns('employer_id'),
        indices: [{ name: 'ix_employer_event_employer', columnNames: ['employer_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_employer_event_employer', columnNames: ['employer_id'], referencedTableName: 'employer', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'job_posting',
        columns: [
          id,
          { name: 'employer_id', type: 'integer' },
          { name: 'title', type: 'varchar', length: '60' },
          { name: 'category', type: 'varchar', length: '16' },
          { name: 'salary_min', type: 'integer' },
          { name: 'salary_max', type: 'integer' },
          { name: 'district', type: 'varchar', length: '32' },
          { name: 'address', type: 'varchar', length: '200' },
          { name: 'headcount', type: 'integer' },
          { name: 'requirements', type: 'varchar', length: '1000' },
          { name: 'veteran_preferred', type: 'boolean', default: false },
          { name: 'veteran_preference_text', type: 'varchar', length: '200', isNullable: true },
          { name: 'valid_until', type: 'varchar', length: '10' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'takedown_reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'closed_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [
          { name: 'ix_job_posting_status_valid', columnNames: ['status', 'valid_until', 'id'] },
          { name: 'ix_job_posting_category', columnNames: ['category', 'status', 'id'] },
          { name: 'ix_job_posting_employer', columnNames: ['employer_id', 'id'] },
          { name: 'ix_job_posting_created', columnNames: ['created_at'] },
        ],
        foreignKeys: [
          { name: 'fk_job_posting_employer', columnNames: ['employer_id'], referencedTableName: 'employer', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_posting_event',
        columns: historyColumns('posting_id'),
        indices: [{ name: 'ix_job_posting_event_posting', columnNames: ['posting_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_job_posting_event_posting', columnNames: ['posting_id'], referencedTableName: 'job_posting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_posting_save',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'posting_id', type: 'integer' },
          { name: 'created_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_job_posting_save', columnNames: ['account_id', 'posting_id'] }],
        foreignKeys: [
          { name: 'fk_job_posting_save_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_job_posting_save_posting', columnNames: ['posting_id'], referencedTableName: 'job_posting', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'job_profile',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'phone_cipher', type: 'varchar', length: '255' },
          { name: 'phone_last4', type: 'varchar', length: '4' },
          { name: 'skills', type: 'varchar', length: '500' },
          { name: 'service_background', type: 'varchar', length: '500' },
          { name: 'desired_work', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_job_profile_account', columnNames: ['account_id'] }],
        foreignKeys: [
          { name: 'fk_job_profile_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'job_application',
        columns: [
          id,
          { name: 'posting_id', type: 'integer' },
          { name: 'employer_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'phone_cipher', type: 'varchar', length: '255', isNullable: true },
          { name: 'phone_last4', type: 'varchar', length: '4' },
          { name: 'skills', type: 'varchar', length: '500' },
          { name: 'service_background', type: 'varchar', length: '500' },
          { name: 'desired_work', type: 'varchar', length: '200' },
          { name: 'interview_note', type: 'varchar', length: '255', isNullable: true },
          { name: 'decline_reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'limit_key', type: 'varchar', length: '48', isNullable: true },
          { name: 'hired_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [
          { name: 'uq_job_application_posting_account', columnNames: ['posting_id', 'account_id'] },
          { name: 'uq_job_application_limit_key', columnNames: ['limit_key'] },
        ],
        indices: [
          { name: 'ix_job_application_account', columnNames: ['account_id', 'id'] },
          { name: 'ix_job_application_employer', columnNames: ['employer_id', 'status', 'id'] },
          { name: 'ix_job_application_created', columnNames: ['created_at'] },
          { name: 'ix_job_application_hired', columnNames: ['hired_at'] },
        ],
        foreignKeys: [
          { name: 'fk_job_application_posting', columnNames: ['posting_id'], referencedTableName: 'job_posting', referencedColumnNames: ['id'] },
          { name: 'fk_job_application_employer', columnNames: ['employer_id'], referencedTableName: 'employer', referencedColumnNames: ['id'] },
          { name: 'fk_job_application_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_application_event',
        columns: historyColumns('application_id'),
        indices: [{ name: 'ix_job_application_event_app', columnNames: ['application_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_job_application_event_app', columnNames: ['application_id'], referencedTableName: 'job_application', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'job_fair',
        columns: [
          id,
          { name: 'title', type: 'varchar', length: '60' },
          { name: 'mode', type: 'varchar', length: '8' },
          { name: 'fair_date', type: 'varchar', length: '10' },
          { name: 'place', type: 'varchar', length: '200', isNullable: true },
          { name: 'link', type: 'varchar', length: '500', isNullable: true },
          { name: 'description', type: 'varchar', length: '1000' },
          { name: 'capacity', type: 'integer', isNullable: true },
          { name: 'signup_count', type: 'integer', default: 0 },
          { name: 'created_by', type: 'integer' },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [{ name: 'ix_job_fair_date', columnNames: ['fair_date', 'id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_fair_employer',
        columns: [id, { name: 'fair_id', type: 'integer' }, { name: 'employer_id', type: 'integer' }],
        uniques: [{ name: 'uq_job_fair_employer', columnNames: ['fair_id', 'employer_id'] }],
        foreignKeys: [
          { name: 'fk_job_fair_employer_fair', columnNames: ['fair_id'], referencedTableName: 'job_fair', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_job_fair_employer_employer', columnNames: ['employer_id'], referencedTableName: 'employer', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_fair_signup',
        columns: [
          id,
          { name: 'fair_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attended', type: 'boolean', default: false },
          { name: 'attended_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_job_fair_signup', columnNames: ['fair_id', 'account_id'] }],
        indices: [{ name: 'ix_job_fair_signup_account', columnNames: ['account_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_job_fair_signup_fair', columnNames: ['fair_id'], referencedTableName: 'job_fair', referencedColumnNames: ['id'] },
          { name: 'fk_job_fair_signup_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_fair_intention',
        columns: [
          id,
          { name: 'fair_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'employer_id', type: 'integer' },
          { name: 'note', type: 'varchar', length: '255' },
          { name: 'recorded_by', type: 'integer' },
          { name: 'created_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_job_fair_intention', columnNames: ['fair_id', 'account_id', 'employer_id'] }],
        foreignKeys: [
          { name: 'fk_job_fair_intention_fair', columnNames: ['fair_id'], referencedTableName: 'job_fair', referencedColumnNames: ['id'] },
          { name: 'fk_job_fair_intention_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_job_fair_intention_employer', columnNames: ['employer_id'], referencedTableName: 'employer', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'job_fair_intention',
      'job_fair_signup',
      'job_fair_employer',
      'job_fair',
      'job_application_event',
      'job_application',
      'job_profile',
      'job_posting_save',
      'job_posting_event',
      'job_posting',
      'employer_event',
      'employer',
    ]) {
      await q.dropTable(table);
    }
  }
}
