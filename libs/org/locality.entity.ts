import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TEXT_LIMITS } from '../common/index.js';

@Entity('localities')
export class Locality {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: TEXT_LIMITS.localityName, unique: true })
  name: string;
}
