import type { Programme as ContractProgramme } from '@benefits/contracts';
import type { Programme as DomainProgramme } from '../domain/benefit-groups';

/**
 * The one place where the contracts' programme names ('social_assistance', stored in the database and used on the
 * API and on Kafka) meet the domain's ('SOCIAL_ASSISTANCE', used by the rules and the group catalogue).
 */
const TO_DOMAIN: Readonly<Record<ContractProgramme, DomainProgramme>> = {
  social_assistance: 'SOCIAL_ASSISTANCE',
  social_pension: 'SOCIAL_PENSION',
  meritorious: 'MERITORIOUS',
};

export function toDomainProgramme(programme: ContractProgramme): DomainProgramme {
  return TO_DOMAIN[programme];
}

export function toContractProgramme(programme: DomainProgramme): ContractProgramme {
  const found = (Object.keys(TO_DOMAIN) as ContractProgramme[]).find((key) => TO_DOMAIN[key] === programme);
  if (!found) throw new Error(`Unknown programme ${programme}`);
  return found;
}
