import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment' as const,
};

const COLUMNS = 'card_id, action, from_status, to_status, actor_account_id, actor_role, reason, created_at';

/** Where the card stood before its last move: a card reported lost was lost before it was replaced or revoked. */
const BEFORE_LAST = "CASE WHEN c.reported_lost_at IS NULL THEN 'active' ELSE 'reported_lost' END";

/** The role the staff member who issued an application's card acted in, as its history recorded it. */
const issuerRole = (applicationId: string) =>
  `COALESCE((SELECT MAX(e.actor_role) FROM card_application_event e
             WHERE e.application_id = ${applicationId} AND e.action = 'issue'), 'station')`;

/**
 * Cards get history rows like every other lifecycle: the issue, then each status change (reported
 * lost, replaced, revoked) with who, from, to, reason and when.
 *
 * Cards issued before this migration get the rows their own columns tell, in the order they
 * happened (so `id` orders each card's history): the issue (by `issued_by`, in the role the
 * application's issue was recorded in), the loss report (by the holder's account), and the last
 * move: a replacement (by whoever issued the successor card, with the kind of its application) or a
 * revocation (by the account its audit entry names, with its reason).
 */
export class CardHistory1765400000000 implements MigrationInterface {
  name = 'CardHistory1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'card_event',
        columns: [
          id,
          { name: 'card_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ name: 'ix_card_event_subject', columnNames: ['card_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_card_event_subject',
            columnNames: ['card_id'],
            referencedTableName: 'card',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.query(
      `INSERT INTO card_event (${COLUMNS})
       SELECT c.id, 'issue', NULL, 'active', c.issued_by, ${issuerRole('c.application_id')}, NULL, c.issued_at
       FROM card c ORDER BY c.id`,
    );
    await q.query(
      `INSERT INTO card_event (${COLUMNS})
       SELECT c.id, 'report_lost', 'active', 'reported_lost', p.account_id, 'holder', NULL, c.reported_lost_at
       FROM card c JOIN person p ON p.id = c.person_id
       WHERE c.reported_lost_at IS NOT NULL ORDER BY c.id`,
    );
    await q.query(
      `INSERT INTO card_event (${COLUMNS})
       SELECT c.id, 'replace', ${BEFORE_LAST}, 'replaced', n.issued_by, ${issuerRole('n.application_id')},
              CASE a.kind WHEN 'reissue' THEN '补领新证' WHEN 'exchange' THEN '换领新证' ELSE NULL END,
              COALESCE(n.issued_at, c.updated_at)
       FROM card c
       LEFT JOIN card n ON n.id = c.replaced_by_card_id
       LEFT JOIN card_application a ON a.id = n.application_id
       WHERE c.status = 'replaced' ORDER BY c.id`,
    );
    await q.query(
      `INSERT INTO card_event (${COLUMNS})
       SELECT c.id, 'revoke', ${BEFORE_LAST}, 'revoked',
              (SELECT MAX(l.actor_account_id) FROM audit_log l
               WHERE l.action = 'card.revoke' AND l.target_type = 'card' AND l.target_id = c.id),
              'district', c.revoked_reason, COALESCE(c.revoked_at, c.updated_at)
       FROM card c WHERE c.status = 'revoked' ORDER BY c.id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('card_event');
  }
}
