import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A register file that was stored (all rows, or the valid ones on request). Its sha256 makes a second import a no-op. */
@Entity({ name: 'import' })
export class ImportEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'file_sha256', unique: true })
  fileSha256!: string;

  @Column('text', { name: 'file_name' })
  fileName!: string;

  @Column('text')
  format!: 'csv' | 'xlsx';

  @Column('integer')
  rows!: number;

  @Column('integer')
  accepted!: number;

  @Column('integer')
  rejected!: number;

  /** The import report returned to the operator (see ImportReport). */
  @Column('jsonb')
  report!: Record<string, unknown>;

  @Column('text', { name: 'imported_by' })
  importedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
