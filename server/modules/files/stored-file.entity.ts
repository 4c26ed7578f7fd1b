import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `profile_photo`: a provider's published photo, the only kind of file anyone logged in may read. */
export const FILE_PURPOSES = ['card_photo', 'document', 'profile_photo'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** A private upload. The bytes live behind the storage port under `storageKey`; never a public URL. */
@Entity({ name: 'stored_file' })
export class StoredFile {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'owner_account_id', type: 'integer' })
  ownerAccountId!: number;

  @Column({ name: 'purpose', type: 'varchar', length: 32 })
  purpose!: FilePurpose;

  @Column({ name: 'mime', type: 'varchar', length: 64 })
  mime!: string;

  @Column({ name: 'size', type: 'integer' })
  size!: number;

  @Column({ name: 'sha256', type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 128 })
  storageKey!: string;

  @Column({ name: 'width', type: 'integer', nullable: true })
  width!: number | null;

  @Column({ name: 'height', type: 'integer', nullable: true })
  height!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
