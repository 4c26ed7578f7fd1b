import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A private file the holder attached to an appeal when filing it, in the order given. */
@Entity({ name: 'appeal_file' })
export class AppealFile {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'appeal_id', type: 'integer' })
  appealId!: number;

  @Column({ name: 'file_id', type: 'integer' })
  fileId!: number;

  @Column({ name: 'position', type: 'integer' })
  position!: number;
}

/** The file-use owner type of an appeal's attachments (owner id: the appeal). */
export const APPEAL_FILE_OWNER = 'appeal';
