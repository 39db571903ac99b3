/**
 * Administrative units (provinces and communes of An Giang across the 2025 merger) as plain data with their legal
 * sources, and pure look-ups over them. One place for the data: every service reads unit names and codes here.
 */
export {
  COMMUNE_KIND_LABELS,
  COMMUNES,
  communeFullName,
  communesOn,
  findCommune,
  findProvince,
  isWithinProvince,
  mapOldCommune,
  MERGER_2025_FIRST_DAY,
  OLD_DISTRICTS,
  predecessorsOf,
  payingCommuneOf,
  PROVINCES,
  RECORDED_COMMUNE_CODES,
  recordedCodesOf,
  type Commune,
  type CommuneKind,
  type CommuneSuccessor,
  type Confidence,
  type OldCommuneRef,
  type Province,
} from './admin-units';
