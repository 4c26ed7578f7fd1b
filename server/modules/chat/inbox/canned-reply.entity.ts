import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A reply staff send often, with variables filled at sending time (`{姓名}`, `{申请状态}`,
 * `{服务站电话}`). A station's own, or (station null) every station's of the district.
 */
@Entity({ name: 'chat_canned_reply' })
export class CannedReply {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'district_id', type: 'integer' })
  districtId!: number;

  @Column({ name: 'station_id', type: 'integer', nullable: true })
  stationId!: number | null;

  @Column({ name: 'title', type: 'varchar', length: 64 })
  title!: string;

  @Column({ name: 'text', type: 'text' })
  text!: string;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
