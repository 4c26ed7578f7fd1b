import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What clients may upload. `profile_photo`: a provider's published photo, the only kind of file anyone logged in may read. */
export const UPLOAD_PURPOSES = ['card_photo', 'document', 'profile_photo'] as const;
/**
 * Every purpose a file may have: the uploads, and `chat_image`, a picture a holder sent through
 * WeChat's service chat, which the server stores itself (never uploaded by a client).
 */
export const FILE_PURPOSES = [...UPLOAD_PURPOSES, 'chat_image'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

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
