import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';

/** A login. Only the SHA-256 of the bearer token is stored, so a copied database logs no one in. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index()
  @ForeignKey('users', { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;

  @CreatedAtColumn()
  createdAt: string;
}
