import { outcomesDueBy, overdueOutcomes } from './outcome-deadline';

const settings = { OUTCOME_OVERDUE_DAYS: 3, RECON_GRACE_DAYS: 2 };

describe('outcomesDueBy: the last day a partner may take to give every outcome of a batch it acknowledged', () => {
  it('a bank batch: OUTCOME_OVERDUE_DAYS after its acknowledgement (a pending status lasts a few days at most)', () => {
    expect(outcomesDueBy({ channel: 'bank', month: '2026-11', acknowledgedOn: '2026-11-02' }, settings)).toEqual({
      dueBy: '2026-11-05',
      why: 'OUTCOME_OVERDUE_DAYS (3) after the bank acknowledged it on 2026-11-02',
    });
  });

  it("a post-office list: its month's settlement report, due by the 19th, and RECON_GRACE_DAYS more", () => {
    expect(outcomesDueBy({ channel: 'post_office_cash', month: '2026-11', acknowledgedOn: '2026-11-02' }, settings)).toEqual({
      dueBy: '2026-11-21',
      why: "the post office's settlement report of 2026-11 is due by 2026-11-19, and RECON_GRACE_DAYS (2) more",
    });
  });

  it('a post-office list acknowledged after its report was due (a late run, a re-send): OUTCOME_OVERDUE_DAYS after that', () => {
    expect(outcomesDueBy({ channel: 'post_office_account', month: '2026-11', acknowledgedOn: '2026-11-25' }, settings)).toEqual({
      dueBy: '2026-11-28',
      why: 'OUTCOME_OVERDUE_DAYS (3) after the post office acknowledged it on 2026-11-25',
    });
  });
});

describe('overdueOutcomes: what a batch still without every outcome says once it is past due', () => {
  const batch = { channel: 'bank' as const, month: '2026-11', acknowledgedOn: '2026-11-02' };

  it('says nothing up to its last day included', () => {
    expect(overdueOutcomes(batch, 4, '2026-11-05', settings)).toBeUndefined();
  });

  it('names how many payments wait, since when they were due, and why', () => {
    expect(overdueOutcomes(batch, 4, '2026-11-06', settings)).toBe(
      '4 payment(s) of the batch still have no outcome, due by 2026-11-05 (OUTCOME_OVERDUE_DAYS (3) after the bank acknowledged it on 2026-11-02): still polling; check with the partner',
    );
  });

  it('says nothing once no payment waits (only returns are watched for)', () => {
    expect(overdueOutcomes(batch, 0, '2026-12-01', settings)).toBeUndefined();
  });
});
