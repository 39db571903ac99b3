import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A register file that was stored (all rows, or the valid ones on request). A file stored whole is not imported again
 * for whoever may read its report; one with rejected rows may be, and each import has its own row.
 */
@Entity({ name: 'import' })
export class ImportEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('import_file_sha256_idx')
  @Column('text', { name: 'file_sha256' })
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
