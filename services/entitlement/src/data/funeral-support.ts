import type { FuneralRule } from '../domain/funeral';

/**
 * Funeral support (hỗ trợ chi phí mai táng) as a multiple of a standard level at the date of death.
 * Social assistance: at least 20 × standard level (D20 Art.11). Social pension: the same rule is assumed
 * (Law 41/2024/QH15 and Decree 176/2025 refer social pensioners' funeral support to the social assistance
 * rule): verify. A province may pay more by resolution; that is not modelled here.
 */
export const FUNERAL_RULES: readonly FuneralRule[] = [
  {
    programme: 'social_assistance',
    levelOf: 'social_assistance',
    multiple: '20',
    instrument: 'Decree 20/2021/ND-CP Art.11',
    confidence: 'read in the official text',
  },
  {
    programme: 'social_pension',
    levelOf: 'social_assistance',
    multiple: '20',
    instrument: 'Law 41/2024/QH15 + Decree 176/2025/ND-CP (funeral support as for social assistance)',
    confidence: 'not read in the text; verify',
  },
];
