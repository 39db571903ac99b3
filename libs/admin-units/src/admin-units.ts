/**
 * Administrative units as the project's own data, with validity dates: provinces, the communes of new An Giang
 * (from 2025-07-01) and those of old An Giang and old Kiên Giang (until 2025-06-30), and the map from old
 * (province, district, commune) to new (province, commune). Old codes stay on old decisions and payments; this
 * module says what they became.
 *
 * Sources (each row carries its confidence):
 *   - Decision 19/2025/QĐ-TTg (codes of administrative units, in force 2025-07-01): 34 provinces, no district level;
 *     a new commune reuses the code of one predecessor. Province codes: Công văn 915/CTK-CSCL (An Giang = 91, the
 *     code of old Kiên Giang; old An Giang was 89).
 *   - Commune codes and names from 2025-07-01: Công văn 1027/CTK-CSCL of the Statistics Office, 2025-06-25,
 *     Appendix I (read in a public transcription of the document, not the signed PDF).
 *   - Which old units form each new one: Nghị quyết 1654/NQ-UBTVQH15 (2025-06-16) on the rearrangement of the
 *     commune-level units of An Giang, Art.1 (read in a public transcription; first clauses also in an English
 *     translation).
 *   - Old codes and districts: the national register of administrative units before the merger (a public snapshot
 *     taken before 2025-03; codes do not change when a commune becomes a township or a ward).
 * Only An Giang is here; other provinces are added the same way when a programme pays there.
 */
import type { CommuneKind, Confidence, IsoDate } from './admin-units.types';
import { AN_GIANG_2025_COMMUNES } from './an-giang-2025-communes.data';
import { AN_GIANG_2025_PREDECESSORS } from './an-giang-2025-predecessors.data';

export type { CommuneKind, Confidence, IsoDate } from './admin-units.types';

export const MERGER_2025_FIRST_DAY: IsoDate = '2025-07-01';
const MERGER_2025_LAST_OLD_DAY: IsoDate = '2025-06-30';
const RESOLUTION_1654 = 'NQ 1654/NQ-UBTVQH15 Art.1';

export interface Province {
  readonly code: string;
  readonly name: string;
  readonly validFrom?: IsoDate;
  readonly validTo?: IsoDate;
  /** The province it merged into on 2025-07-01. */
  readonly successorCode?: string;
}

export const PROVINCES: readonly Province[] = [
  { code: '89', name: 'An Giang', validTo: MERGER_2025_LAST_OLD_DAY, successorCode: '91' },
  { code: '91', name: 'Kiên Giang', validTo: MERGER_2025_LAST_OLD_DAY, successorCode: '91' },
  { code: '91', name: 'An Giang', validFrom: MERGER_2025_FIRST_DAY },
];

/** District-level units before 2025-07-01 (abolished on that day). */
export const OLD_DISTRICTS: Readonly<Record<string, { readonly name: string; readonly provinceCode: string }>> = {
  '883': { name: 'Thành phố Long Xuyên', provinceCode: '89' },
  '884': { name: 'Thành phố Châu Đốc', provinceCode: '89' },
  '886': { name: 'Huyện An Phú', provinceCode: '89' },
  '887': { name: 'Thị xã Tân Châu', provinceCode: '89' },
  '888': { name: 'Huyện Phú Tân', provinceCode: '89' },
  '889': { name: 'Huyện Châu Phú', provinceCode: '89' },
  '890': { name: 'Thị xã Tịnh Biên', provinceCode: '89' },
  '891': { name: 'Huyện Tri Tôn', provinceCode: '89' },
  '892': { name: 'Huyện Châu Thành', provinceCode: '89' },
  '893': { name: 'Huyện Chợ Mới', provinceCode: '89' },
  '894': { name: 'Huyện Thoại Sơn', provinceCode: '89' },
  '899': { name: 'Thành phố Rạch Giá', provinceCode: '91' },
  '900': { name: 'Thành phố Hà Tiên', provinceCode: '91' },
  '902': { name: 'Huyện Kiên Lương', provinceCode: '91' },
  '903': { name: 'Huyện Hòn Đất', provinceCode: '91' },
  '904': { name: 'Huyện Tân Hiệp', provinceCode: '91' },
  '905': { name: 'Huyện Châu Thành', provinceCode: '91' },
  '906': { name: 'Huyện Giồng Riềng', provinceCode: '91' },
  '907': { name: 'Huyện Gò Quao', provinceCode: '91' },
  '908': { name: 'Huyện An Biên', provinceCode: '91' },
  '909': { name: 'Huyện An Minh', provinceCode: '91' },
  '910': { name: 'Huyện Vĩnh Thuận', provinceCode: '91' },
  '911': { name: 'Thành phố Phú Quốc', provinceCode: '91' },
  '912': { name: 'Huyện Kiên Hải', provinceCode: '91' },
  '913': { name: 'Huyện U Minh Thượng', provinceCode: '91' },
  '914': { name: 'Huyện Giang Thành', provinceCode: '91' },
};

export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly kind: CommuneKind;
  readonly provinceCode: string;
  /** Old units only: the district they belonged to. */
  readonly districtCode?: string;
  readonly validFrom?: IsoDate;
  readonly validTo?: IsoDate;
  readonly confidence: Confidence;
}

const NEW_COMMUNES: readonly Commune[] = AN_GIANG_2025_COMMUNES.map((row) => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  provinceCode: '91',
  validFrom: MERGER_2025_FIRST_DAY,
  confidence: row.confidence,
}));

/** Units that existed on 2025-06-30: one per old code (split units appear in several predecessor rows). */
const OLD_COMMUNES: readonly Commune[] = AN_GIANG_2025_PREDECESSORS.filter(
  (row, index, rows) => !row.before2025 && rows.findIndex((other) => other.code === row.code) === index,
).map((row) => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  provinceCode: row.province,
  districtCode: row.district,
  validTo: MERGER_2025_LAST_OLD_DAY,
  confidence: row.confidence,
}));

export const COMMUNES: readonly Commune[] = [...OLD_COMMUNES, ...NEW_COMMUNES];

function validOn(unit: { validFrom?: IsoDate; validTo?: IsoDate }, onDate: IsoDate): boolean {
  return (unit.validFrom === undefined || unit.validFrom <= onDate) && (unit.validTo === undefined || onDate <= unit.validTo);
}

/** How a unit's kind is written before its name in official lists: "Xã Mỹ Hòa Hưng", "Đặc khu Phú Quốc". */
export const COMMUNE_KIND_LABELS: Readonly<Record<CommuneKind, string>> = {
  xa: 'Xã',
  phuong: 'Phường',
  thi_tran: 'Thị trấn',
  dac_khu: 'Đặc khu',
};

/** The unit's name as printed: its kind, then its name ("Phường Long Xuyên"). */
export function communeFullName(commune: Pick<Commune, 'kind' | 'name'>): string {
  return `${COMMUNE_KIND_LABELS[commune.kind]} ${commune.name}`;
}

/** The unit that carried this code on that date: codes are reused, so 30307 is phường Mỹ Hòa until 2025-06-30 and phường Long Xuyên from 2025-07-01. */
export function findCommune(code: string, onDate: IsoDate): Commune | undefined {
  return COMMUNES.find((commune) => commune.code === code && validOn(commune, onDate));
}

export function findProvince(code: string, onDate: IsoDate): Province | undefined {
  return PROVINCES.find((province) => province.code === code && validOn(province, onDate));
}

/** True when a residence recorded under `provinceCode` lies in `payingProvinceCode`, old codes included (89 → 91). */
export function isWithinProvince(provinceCode: string, payingProvinceCode: string): boolean {
  if (provinceCode === payingProvinceCode) return true;
  return PROVINCES.some((province) => province.code === provinceCode && province.successorCode === payingProvinceCode);
}

export interface OldCommuneRef {
  readonly provinceCode: string;
  /** Optional check: when given, it must be the old unit's district. */
  readonly districtCode?: string;
  readonly communeCode: string;
}

export interface CommuneSuccessor {
  readonly provinceCode: string;
  readonly communeCode: string;
  readonly name: string;
  readonly kind: CommuneKind;
  /** Only part of the old unit went here: the hamlet (ấp, khóm) decides between the successors. */
  readonly part: boolean;
  readonly legalRef: string;
  readonly confidence: Confidence;
}

/**
 * The new unit(s) an old commune became on 2025-07-01. One successor for a whole merge, several for a split,
 * none for a code this data does not know (another province, or a wrong district).
 */
export function mapOldCommune(old: OldCommuneRef): readonly CommuneSuccessor[] {
  return AN_GIANG_2025_PREDECESSORS.filter(
    (row) => row.province === old.provinceCode && row.code === old.communeCode && (old.districtCode === undefined || row.district === old.districtCode),
  ).map((row) => {
    const successor = NEW_COMMUNES.find((commune) => commune.code === row.newCode);
    if (!successor) throw new Error(`Predecessor row ${row.code} points at unknown new commune ${row.newCode}`);
    return {
      provinceCode: successor.provinceCode,
      communeCode: successor.code,
      name: successor.name,
      kind: successor.kind,
      part: row.part === true,
      legalRef: `${RESOLUTION_1654}(${row.clause})`,
      confidence: row.confidence,
    };
  });
}

/** The old units (on 2025-06-30) that went wholly or partly into a new commune. */
export function predecessorsOf(newCommuneCode: string): readonly Commune[] {
  const codes = new Set(AN_GIANG_2025_PREDECESSORS.filter((row) => row.newCode === newCommuneCode && !row.before2025).map((row) => row.code));
  return OLD_COMMUNES.filter((commune) => codes.has(commune.code));
}

/**
 * The codes a record in these communes may carry: each code itself and, for a commune formed on 2025-07-01, the
 * units it was formed from (a residence that began before is recorded with the old code).
 */
export function recordedCodesOf(communeCodes: readonly string[]): string[] {
  return [...new Set(communeCodes.flatMap((code) => [code, ...predecessorsOf(code).map((old) => old.code)]))];
}

/**
 * The commune code(s) a recorded code stands for on `onDate`: itself while it names a commune then, else what the
 * old unit (of `provinceCode`, old codes included) became on 2025-07-01 — one commune for a whole merge, several for
 * a split (the hamlet decides between them). A code this data does not know stands for itself. Remembered per
 * question (a snapshot asks it for every decision, of a few hundred codes and a few dates).
 */
export function communesOn(provinceCode: string, communeCode: string, onDate: IsoDate): readonly string[] {
  const question = `${provinceCode}|${communeCode}|${onDate}`;
  let answer = COMMUNES_ON.get(question);
  if (answer === undefined) {
    const successors = !communeCode || findCommune(communeCode, onDate) ? [] : mapOldCommune({ provinceCode, communeCode }).map((successor) => successor.communeCode);
    answer = successors.length > 0 ? successors : [communeCode];
    COMMUNES_ON.set(question, answer);
  }
  return answer;
}

const COMMUNES_ON = new Map<string, readonly string[]>();

/**
 * Every commune code this data names: the new communes, the old units, and the old units that had merged into a
 * neighbour before 2025 (old decisions still carry them). A code outside it stands for itself (communesOn), which
 * lets a caller list every recorded code that stands for some communes without guessing.
 */
export const RECORDED_COMMUNE_CODES: readonly string[] = [...new Set([...COMMUNES.map((commune) => commune.code), ...AN_GIANG_2025_PREDECESSORS.map((row) => row.code)])];

/**
 * The commune that pays a person whose residence is recorded under `communeCode` on `onDate`: the code itself, or
 * the one commune an old unit went into. Undefined for an old unit split between several communes: which one pays
 * is the hamlet's, and the residence must be recorded again under its new commune.
 */
export function payingCommuneOf(provinceCode: string, communeCode: string, onDate: IsoDate): string | undefined {
  const communes = communesOn(provinceCode, communeCode, onDate);
  return communes.length === 1 ? communes[0] : undefined;
}
