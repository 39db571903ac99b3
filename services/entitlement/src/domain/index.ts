/** The entitlement domain: pure rules and calculations. No Nest, no TypeORM, no I/O. */
export * from './catalogue';
export * from './component';
export * from './errors';
export * from './month';
export * from './table-version';
export { RateBook, type AmountAnswer, type CoefficientAnswer, type RateSource } from './rate-book';
export { checkNotSuperseded, validateProposal, validateTableVersion, type TableVersionIssue, type TableVersionIssueCode } from './validate-table-version';
export { calculateMonth, calculateHousehold, payableLines, pricingClusters, type PayableLine } from './calculate';
export * from './arrears';
export * from './funeral';
