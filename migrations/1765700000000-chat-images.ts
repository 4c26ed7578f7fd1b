import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Pictures a holder sends through WeChat's customer-service chat are kept as private files:
 * `chat_message.file_id` names the stored file a holder's "[图片]" message shows. Nullable, and
 * without a foreign key, as `file_use` records the attachment (and its read rule) on its own.
 * The file's purpose (`chat_image`) needs no change: `stored_file.purpose` is plain text.
 */
export class ChatImages1765700000000 implements MigrationInterface {
  name = 'ChatImages1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('chat_message', new TableColumn({ name: 'file_id', type: 'integer', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('chat_message', 'file_id');
  }
}
