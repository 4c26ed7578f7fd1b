import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A file in use by something another module owns (an application's photo, a provider's profile
 * photo, a change request's document). Written by the owning module when it attaches the file;
 * read by the files policy to find whose read rule applies.
 */
@Entity({ name: 'file_use' })
@Index('uq_file_use', ['fileId', 'ownerType', 'ownerId'], { unique: true })
@Index('ix_file_use_owner', ['ownerType', 'ownerId'])
export class FileUse {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'file_id', type: 'integer' })
  fileId!: number;

  @Column({ name: 'owner_type', type: 'varchar', length: 32 })
  ownerType!: string;

  @Column({ name: 'owner_id', type: 'integer' })
  ownerId!: number;
}
