import { fundingLines, type FundingRow } from './funding';

const row = (programme: FundingRow['programme'], channel: FundingRow['channel'], figures: Partial<FundingRow>): FundingRow => ({
  programme,
  channel,
  payments: 0,
  regular: '0',
  arrears: '0',
  carriedOver: '0',
  oneOff: '0',
  resent: '0',
  total: '0',
  heldByPostOffice: '0',
  ...figures,
});

describe('funding request lines', () => {
  const rows = [
    row('meritorious', 'bank', { payments: 2, regular: '4462000', total: '4462000' }),
    row('social_assistance', 'bank', { payments: 3, regular: '1500000', arrears: '250000', oneOff: '10000000', resent: '750000', total: '12500000' }),
    row('social_assistance', 'post_office_cash', { payments: 2, regular: '1500000', carriedOver: '750000', total: '2250000', heldByPostOffice: '750000' }),
  ];

  it('gives each programme and channel, each programme and the run, net of what the post office already holds', () => {
    const lines = fundingLines(rows);
    expect(lines.rows.map((r) => [r.programme, r.channel, r.total, r.toTransfer])).toEqual([
      ['meritorious', 'bank', '4462000', '4462000'],
      ['social_assistance', 'bank', '12500000', '12500000'],
      ['social_assistance', 'post_office_cash', '2250000', '1500000'],
    ]);
    expect(lines.byProgramme).toEqual([
      { programme: 'meritorious', payments: 2, regular: '4462000', arrears: '0', carriedOver: '0', oneOff: '0', resent: '0', total: '4462000', heldByPostOffice: '0', toTransfer: '4462000' },
      {
        programme: 'social_assistance',
        payments: 5,
        regular: '3000000',
        arrears: '250000',
        carriedOver: '750000',
        oneOff: '10000000',
        resent: '750000',
        total: '14750000',
        heldByPostOffice: '750000',
        toTransfer: '14000000',
      },
    ]);
    expect(lines.totals).toMatchObject({ payments: 7, total: '19212000', heldByPostOffice: '750000', toTransfer: '18462000' });
  });

  it('refuses parts that do not add up to the payments', () => {
    expect(() => fundingLines([row('social_pension', 'bank', { payments: 1, regular: '500000', total: '540000' })])).toThrow(
      'Funding of social_pension/bank: the parts add up to 500000, the payments to 540000',
    );
  });
});
