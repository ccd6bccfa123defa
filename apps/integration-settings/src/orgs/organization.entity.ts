import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A customer organisation: the tenant every row and message belongs to. */
@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  name!: string;

  /** `front` while a Front integration is connected, `builtin` otherwise. */
  @Column('text', { name: 'ticketing_system', default: 'builtin' })
  ticketingSystem!: 'front' | 'builtin';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
