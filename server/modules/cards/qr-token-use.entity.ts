import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A QR token that has been used: the unique `jti` makes each token single-use. */
@Entity({ name: 'qr_token_use' })
export class QrTokenUse {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'jti', type: 'varchar', length: 32 })
  jti!: string;

  @Column({ name: 'card_id', type: 'integer' })
  cardId!: number;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
