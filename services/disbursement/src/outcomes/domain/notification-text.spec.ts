import { formatVnd, notificationText, type NotificationFacts } from './notification-text';

const facts = (overrides: Partial<NotificationFacts>): NotificationFacts => ({
  outcome: 'settled',
  programme: 'social_assistance',
  month: '2026-11',
  amount: '1250000',
  channel: 'bank',
  accountMasked: '******6789',
  cashPointCode: null,
  reasonCode: null,
  carriedOver: null,
  funeralSupport: false,
  ...overrides,
});

describe('notifications in Vietnamese', () => {
  it.each<[string, Partial<NotificationFacts>, string]>([
    ['settled to an account', {}, 'Bạn đã nhận 1.250.000 đồng trợ cấp xã hội tháng 11/2026 vào tài khoản ****6789.'],
    [
      'settled at a cash point',
      { channel: 'post_office_cash', accountMasked: null, cashPointCode: 'DCT-30316-01', programme: 'social_pension', amount: '500000' },
      'Bạn đã nhận 500.000 đồng trợ cấp hưu trí xã hội tháng 11/2026 tại điểm chi trả DCT-30316-01.',
    ],
    [
      'rejected by the bank',
      { outcome: 'rejected', reasonCode: 'AC04', programme: 'meritorious', amount: '2789000' },
      'Khoản 2.789.000 đồng trợ cấp ưu đãi người có công tháng 11/2026 chưa chuyển được vào tài khoản ****6789 (tài khoản đã đóng). Vui lòng liên hệ UBND xã để cập nhật thông tin nhận tiền.',
    ],
    [
      'returned days later',
      { outcome: 'returned', reasonCode: 'MD07' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chuyển vào tài khoản ****6789 đã bị ngân hàng trả lại (chủ tài khoản đã mất). Vui lòng liên hệ UBND xã để cập nhật thông tin nhận tiền.',
    ],
    [
      'not collected, carried over',
      { outcome: 'not_collected', channel: 'post_office_cash', cashPointCode: 'DCT-30316-01', reasonCode: 'ABSENT', carriedOver: '1250000' },
      'Bạn chưa nhận 1.250.000 đồng trợ cấp xã hội tháng 11/2026 tại điểm chi trả DCT-30316-01. Số tiền được chuyển sang kỳ chi trả tháng sau.',
    ],
    [
      'not collected, nothing carried (deceased)',
      { outcome: 'not_collected', channel: 'post_office_cash', cashPointCode: 'DCT-30316-01', reasonCode: 'DECEASED', carriedOver: '0' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa được nhận tại điểm chi trả DCT-30316-01 (người hưởng đã mất).',
    ],
    [
      'arrears paid alone (a decision that has stopped), settled',
      { arrearsOnly: true, amount: '180000' },
      'Bạn đã nhận 180.000 đồng truy lĩnh trợ cấp xã hội (kỳ 11/2026) vào tài khoản ****6789.',
    ],
    [
      'arrears paid alone, not collected: not carried over (no next payment may come), paid again through the commune',
      { arrearsOnly: true, amount: '180000', outcome: 'not_collected', channel: 'post_office_cash', cashPointCode: 'DCT-30316-01', reasonCode: 'ABSENT', carriedOver: '180000' },
      'Bạn chưa nhận 180.000 đồng truy lĩnh trợ cấp xã hội (kỳ 11/2026) tại điểm chi trả DCT-30316-01 (vắng mặt). Vui lòng liên hệ UBND xã để được chi trả lại.',
    ],
    [
      'settled with arrears and a month carried over: the earlier months are named beside the amount',
      { amount: '3540000', months: ['2026-11', '2026-09', '2026-10', '2026-10'] },
      'Bạn đã nhận 3.540.000 đồng trợ cấp xã hội tháng 11/2026 (gồm cả tiền tháng 09/2026, 10/2026) vào tài khoản ****6789.',
    ],
    [
      'rejected, holding arrears',
      { outcome: 'rejected', reasonCode: 'AC01', amount: '1290000', months: ['2026-11', '2026-08'] },
      'Khoản 1.290.000 đồng trợ cấp xã hội tháng 11/2026 (gồm cả tiền tháng 08/2026) chưa chuyển được vào tài khoản ****6789 (số tài khoản không đúng). Vui lòng liên hệ UBND xã để cập nhật thông tin nhận tiền.',
    ],
    [
      'arrears paid alone: the months they are for, not only the run\'s',
      { arrearsOnly: true, amount: '180000', months: ['2026-09', '2026-08'] },
      'Bạn đã nhận 180.000 đồng truy lĩnh trợ cấp xã hội tháng 08/2026, 09/2026 (kỳ 11/2026) vào tài khoản ****6789.',
    ],
    [
      'paid at home (a person who cannot travel): not at the cash point',
      { channel: 'post_office_cash', accountMasked: null, cashPointCode: 'DCT-30316-01', payout: { how: 'at_home' } },
      'Bạn đã nhận 1.250.000 đồng trợ cấp xã hội tháng 11/2026 tại nhà.',
    ],
    [
      'paid to a proxy at the cash point: the beneficiary is told someone received it for them',
      { channel: 'post_office_cash', accountMasked: null, cashPointCode: 'DCT-30316-01', payout: { how: 'at_point', receivedBy: 'Trần Văn Bình' } },
      'Người được bạn ủy quyền đã nhận thay 1.250.000 đồng trợ cấp xã hội tháng 11/2026 tại điểm chi trả DCT-30316-01. Nếu bạn không ủy quyền cho ai, vui lòng báo ngay UBND xã.',
    ],
    [
      'a post-office list the post office lost: never said to be the bank, nothing asked of the beneficiary',
      { outcome: 'rejected', reasonCode: 'BATCH_LOST', channel: 'post_office_cash', accountMasked: null, cashPointCode: 'DCT-30316-01' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được tại điểm chi trả DCT-30316-01 do sự cố khi gửi danh sách chi trả (danh sách chi trả bị thất lạc), không phải do thông tin của bạn. Khoản tiền sẽ được chi trả lại, bạn không cần làm gì.',
    ],
    [
      'refused at release for want of an account: says what is missing and what to do, no placeholder',
      { outcome: 'rejected', reasonCode: 'ACCOUNT_MISSING', accountMasked: null },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được vì chưa có số tài khoản. Vui lòng liên hệ UBND xã để bổ sung số tài khoản nhận tiền.',
    ],
    [
      'refused at release for want of a cash point: no empty "tại điểm chi trả"',
      { outcome: 'rejected', reasonCode: 'CASH_POINT_MISSING', channel: 'post_office_cash', accountMasked: null, cashPointCode: null },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được vì chưa có điểm chi trả. Vui lòng liên hệ UBND xã để cập nhật thông tin nhận tiền.',
    ],
    [
      'the bank refused the whole file (FF01): delayed, paid again, nothing asked of the beneficiary',
      { outcome: 'rejected', reasonCode: 'FF01' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được vào tài khoản ****6789 do sự cố khi gửi danh sách chi trả (lỗi tệp thanh toán), không phải do thông tin của bạn. Khoản tiền sẽ được chi trả lại, bạn không cần làm gì.',
    ],
    [
      'refused at release because the stored account could not be decrypted (ACCOUNT_UNREADABLE): our fault, nothing asked of the beneficiary',
      { outcome: 'rejected', reasonCode: 'ACCOUNT_UNREADABLE', accountMasked: null },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được do sự cố khi gửi danh sách chi trả (không đọc được số tài khoản đã lưu), không phải do thông tin của bạn. Khoản tiền sẽ được chi trả lại, bạn không cần làm gì.',
    ],
    [
      'refused with no reason given by the bank (MS03): not the beneficiary\'s fault',
      { outcome: 'rejected', reasonCode: 'MS03' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được vào tài khoản ****6789 do sự cố khi gửi danh sách chi trả (không rõ lý do), không phải do thông tin của bạn. Khoản tiền sẽ được chi trả lại, bạn không cần làm gì.',
    ],
    [
      'a post-office list refused (BATCH_REJECTED)',
      { outcome: 'rejected', reasonCode: 'BATCH_REJECTED', channel: 'post_office_cash', accountMasked: null, cashPointCode: 'DCT-30316-01' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được tại điểm chi trả DCT-30316-01 do sự cố khi gửi danh sách chi trả (danh sách chi trả bị từ chối), không phải do thông tin của bạn. Khoản tiền sẽ được chi trả lại, bạn không cần làm gì.',
    ],
    [
      'a post-office list it could not read (HTTP 400, BAD_REQUEST)',
      { outcome: 'rejected', reasonCode: 'BAD_REQUEST', channel: 'post_office_account', accountMasked: '******1234' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được vào tài khoản ****1234 do sự cố khi gửi danh sách chi trả (danh sách chi trả không đúng định dạng), không phải do thông tin của bạn. Khoản tiền sẽ được chi trả lại, bạn không cần làm gì.',
    ],
    [
      'refused for the person\'s name (BE01): still asked to update their details',
      { outcome: 'rejected', reasonCode: 'BE01' },
      'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được vào tài khoản ****6789 (tên chủ tài khoản không khớp). Vui lòng liên hệ UBND xã để cập nhật thông tin nhận tiền.',
    ],
    ['an unknown reason code', { outcome: 'rejected', reasonCode: 'XX99' }, 'Khoản 1.250.000 đồng trợ cấp xã hội tháng 11/2026 chưa chuyển được vào tài khoản ****6789 (lý do khác). Vui lòng liên hệ UBND xã để cập nhật thông tin nhận tiền.'],
  ])('%s', (_case, overrides, text) => {
    expect(notificationText(facts(overrides))).toBe(text);
  });

  it.each<[string, Partial<NotificationFacts>, string]>([
    [
      'settled to the organiser\'s account',
      { amount: '10800000', accountMasked: '*********3456' },
      'Người lo mai táng đã nhận 10.800.000 đồng hỗ trợ chi phí mai táng (trợ cấp xã hội, kỳ 11/2026) vào tài khoản ****3456.',
    ],
    [
      'collected in cash by the family',
      { amount: '10800000', channel: 'post_office_cash', accountMasked: null, cashPointCode: 'BDVHX-30742' },
      'Người lo mai táng đã nhận 10.800.000 đồng hỗ trợ chi phí mai táng (trợ cấp xã hội, kỳ 11/2026) tại điểm chi trả BDVHX-30742.',
    ],
    [
      'held: nobody to pay it to',
      { outcome: 'rejected', reasonCode: 'PAYEE_MISSING', channel: 'post_office_cash', accountMasked: null },
      'Khoản 1.250.000 đồng hỗ trợ chi phí mai táng (trợ cấp xã hội, kỳ 11/2026) chưa chuyển được vì chưa có người nhận. Gia đình vui lòng liên hệ UBND xã để cập nhật người nhận.',
    ],
    [
      'its list lost by the post office: the family is asked nothing',
      { outcome: 'rejected', reasonCode: 'BATCH_LOST', channel: 'post_office_cash', accountMasked: null, cashPointCode: 'BDVHX-30742' },
      'Khoản 1.250.000 đồng hỗ trợ chi phí mai táng (trợ cấp xã hội, kỳ 11/2026) chưa chuyển được tại điểm chi trả BDVHX-30742 do sự cố khi gửi danh sách chi trả (danh sách chi trả bị thất lạc). Khoản tiền sẽ được chi trả lại, gia đình không cần làm gì.',
    ],
    [
      'not collected: never carried into next month',
      { outcome: 'not_collected', channel: 'post_office_cash', accountMasked: null, cashPointCode: 'BDVHX-30742', reasonCode: 'ABSENT', carriedOver: '1250000' },
      'Khoản 1.250.000 đồng hỗ trợ chi phí mai táng (trợ cấp xã hội, kỳ 11/2026) chưa được nhận tại điểm chi trả BDVHX-30742 (vắng mặt) và không được chuyển sang tháng sau. Gia đình vui lòng liên hệ UBND xã để xác nhận người nhận và được chi trả lại.',
    ],
  ])('funeral support %s: told to the family, never "Bạn đã nhận"', (_case, overrides, text) => {
    expect(notificationText(facts({ funeralSupport: true, ...overrides }))).toBe(text);
  });

  it.each<[string, Partial<NotificationFacts>, string]>([
    [
      'settled to the funeral payee in cash',
      { outcome: 'settled', channel: 'post_office_cash', accountMasked: null, cashPointCode: 'DCT-30316-01' },
      'Người lo mai táng đã nhận 40.000 đồng truy lĩnh trợ cấp xã hội tháng 03/2036 (kỳ 06/2036) tại điểm chi trả DCT-30316-01.',
    ],
    [
      'not collected: paid again through the commune',
      { outcome: 'not_collected', channel: 'post_office_cash', accountMasked: null, cashPointCode: 'DCT-30316-01', reasonCode: 'ABSENT', carriedOver: '40000' },
      'Khoản 40.000 đồng truy lĩnh trợ cấp xã hội tháng 03/2036 (kỳ 06/2036) chưa được nhận tại điểm chi trả DCT-30316-01 (vắng mặt) và không được chuyển sang tháng sau. Gia đình vui lòng liên hệ UBND xã để xác nhận người nhận và được chi trả lại.',
    ],
  ])('arrears owed to a deceased person, paid to the funeral payee, %s: told to the family, never "Bạn"', (_case, overrides, text) => {
    expect(notificationText(facts({ deceased: true, arrearsOnly: true, amount: '40000', month: '2036-06', months: ['2036-03'], ...overrides }))).toBe(text);
  });

  it('groups thousands with dots and never shows more than four digits of an account', () => {
    expect(['0', '999', '1000', '1250000', '123456789012'].map(formatVnd)).toEqual(['0', '999', '1.000', '1.250.000', '123.456.789.012']);
    expect(notificationText(facts({ accountMasked: '*********2233445' }))).toContain('****3445.');
  });
});
