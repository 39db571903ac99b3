import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a termination is linked to, beside the decision it ends:
 * - cared_for_ref: a care allowance held for a person who died (LifeEventRecorded cared_for_died) is kept as a
 *   termination of the holder's care decision on the date of death. Its item is told apart from another care
 *   allowance of the same group held for someone else by the person cared for, so that exactly that allowance is
 *   recovered, and left out by later runs.
 * - amending_group_code: an amended decision (reason AMENDED) is continued by its amending decision, of this group
 *   in the register; a run looking at a month after the amendment again counts the amending decision's item there.
 */
export class TerminationLinks1765324800000 implements MigrationInterface {
  name = 'TerminationLinks1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.terminations ADD COLUMN cared_for_ref uuid, ADD COLUMN amending_group_code text`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
