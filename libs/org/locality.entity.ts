import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('localities')
export class Locality {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;
}
