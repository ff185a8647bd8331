import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A login. Only the SHA-256 of the bearer token is stored, so a copied database logs no one in. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;

  @CreateDateColumn()
  createdAt: Date;
}
