import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A customer of an org, known by a normalised handle (email, phone, chat id). */
@Entity({ name: 'contacts' })
export class ContactEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text')
  handle!: string;

  @Column('text')
  kind!: 'email' | 'phone' | 'chat';

  @Column('text', { nullable: true })
  name!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
