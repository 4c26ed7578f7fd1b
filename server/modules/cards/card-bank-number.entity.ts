import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The number the bank printed on an application's card, recorded from its returned file; used when the card is handed out. */
@Entity({ name: 'card_bank_number' })
export class CardBankNumber {
  @PrimaryColumn({ name: 'application_id', type: 'integer' })
  applicationId!: number;

  @Column({ name: 'batch_id', type: 'integer' })
  batchId!: number;

  @Column({ name: 'card_number', type: 'varchar', length: 32 })
  cardNumber!: string;

  @Column({ name: 'recorded_by', type: 'integer' })
  recordedBy!: number;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt!: Date;
}
