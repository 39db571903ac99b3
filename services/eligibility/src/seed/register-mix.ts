/**
 * The make-up of the sample register: programmes, groups, ages and payment channels in realistic proportions,
 * and the sandbox markers that make some payments fail on purpose. Used by generate-register.ts.
 */
import type { Channel, Programme } from '@benefits/contracts';

export interface GroupShare {
  readonly programme: Programme;
  readonly groupCode: string;
  /** Share within the programme, in percent. */
  readonly share: number;
  /** Age at the reference date, [from, to). */
  readonly ages: readonly [number, number];
  readonly poverty?: 'poor' | 'near_poor';
  readonly certificate?: true;
  readonly injuryRate?: true;
  readonly children?: true;
  /** Part of the group also studies (the 16-22 band of children with no support). */
  readonly studying?: true;
}

export const PROGRAMME_SHARES: readonly [Programme, number][] = [
  ['social_assistance', 60],
  ['social_pension', 20],
  ['meritorious', 20],
];

export const GROUP_SHARES: readonly GroupShare[] = [
  { programme: 'social_assistance', groupCode: 'SA_ELDERLY_80_NO_PENSION', share: 20, ages: [80, 98] },
  { programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE', share: 20, ages: [5, 85], certificate: true },
  { programme: 'social_assistance', groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE', share: 14, ages: [3, 90], certificate: true },
  { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', share: 10, ages: [60, 92], poverty: 'poor' },
  { programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT', share: 10, ages: [1, 21], studying: true },
  { programme: 'social_assistance', groupCode: 'SA_SINGLE_PARENT_POOR', share: 8, ages: [24, 45], poverty: 'near_poor', children: true },
  { programme: 'social_assistance', groupCode: 'SA_HIV_POOR_NO_INCOME', share: 5, ages: [20, 55], poverty: 'poor' },
  { programme: 'social_assistance', groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', share: 5, ages: [5, 80] },
  { programme: 'social_assistance', groupCode: 'SA_CHILD_U3_POOR_REMOTE', share: 3, ages: [0, 3], poverty: 'poor' },
  { programme: 'social_assistance', groupCode: 'SA_CHILD_HIV_POOR', share: 3, ages: [1, 16], poverty: 'poor' },
  { programme: 'social_assistance', groupCode: 'SA_ELDERLY_COMMUNITY_CARE', share: 2, ages: [62, 90], poverty: 'poor' },
  { programme: 'social_pension', groupCode: 'SOCIAL_PENSION', share: 85, ages: [75, 98] },
  { programme: 'social_pension', groupCode: 'SOCIAL_PENSION', share: 15, ages: [70, 75], poverty: 'near_poor' },
  { programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', share: 30, ages: [62, 90], injuryRate: true },
  { programme: 'meritorious', groupCode: 'NCC_MARTYR_RELATIVE_1', share: 22, ages: [55, 95] },
  { programme: 'meritorious', groupCode: 'NCC_TOXIC_CHEMICAL_41_60', share: 10, ages: [65, 90] },
  { programme: 'meritorious', groupCode: 'NCC_IMPRISONED', share: 10, ages: [70, 95] },
  { programme: 'meritorious', groupCode: 'NCC_SICK_SOLDIER_61_70', share: 8, ages: [62, 90] },
  { programme: 'meritorious', groupCode: 'NCC_WAR_INVALID_TYPE_B', share: 5, ages: [62, 90], injuryRate: true },
  { programme: 'meritorious', groupCode: 'NCC_SURVIVOR_NURTURING', share: 5, ages: [60, 95] },
  { programme: 'meritorious', groupCode: 'NCC_1945_AUG_REVOLUTION', share: 5, ages: [95, 100] },
  { programme: 'meritorious', groupCode: 'NCC_HEROIC_MOTHER', share: 5, ages: [90, 100] },
];

export const CHANNEL_SHARES: readonly [Channel, number][] = [
  ['bank', 60],
  ['post_office_account', 30],
  ['post_office_cash', 10],
];

/** Ten banks of the province's beneficiaries (NAPAS BINs from data/bank-bins.ts). */
export const BANK_BINS = ['970405', '970436', '970415', '970418', '970422', '970407', '970416', '970432', '970403', '970452'];

/** Account endings the bank and post-office sandboxes reject (AC01 incorrect, AC04 closed, AC06 blocked, MD07 deceased). */
export const REJECTED_ACCOUNT_SUFFIXES = ['0001', '0004', '0006', '0007'];
/** Percent of accounts with a rejected ending, of holder names the bank's name check fails, of cash payees absent. */
export const BAD_ACCOUNT_PERCENT = 3;
export const NAME_MISMATCH_PERCENT = 1;
export const ABSENT_CASH_PERCENT = 5;
/** Sandbox markers: a holder name with MISMATCH fails the bank's name check; a cash payee named ABSENT does not come. */
export const NAME_MISMATCH_MARKER = 'MISMATCH';
export const ABSENT_MARKER = 'ABSENT';

export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Thạch', 'Danh'];
export const MIDDLE_NAMES = { male: ['Văn', 'Hữu', 'Minh', 'Đức', 'Thanh', 'Quốc'], female: ['Thị', 'Ngọc', 'Kim', 'Thanh', 'Mỹ', 'Bích'] } as const;
export const GIVEN_NAMES = {
  male: ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khoa', 'Long', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tài', 'Thành', 'Trung', 'Tuấn', 'Việt'],
  female: ['Anh', 'Cúc', 'Dung', 'Hà', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Liên', 'Mai', 'Nga', 'Nhung', 'Phượng', 'Thảo', 'Trang', 'Tuyết', 'Yến'],
} as const;

/**
 * Hamlets (ấp in a commune, khóm in a ward) named as the Mekong delta names them; a sample address is one of them,
 * numbered, chosen from the row's index so that the seeded sequence of the rest of the file stays as it was.
 */
export const HAMLET_NAMES = ['Phú Hòa', 'Long Thạnh', 'Bình Đức', 'Mỹ Phước', 'An Thạnh', 'Tân Hiệp', 'Vĩnh Lợi', 'Hòa Bình', 'Thạnh An', 'Đông Hưng', 'Tây Khánh'];
