import type { Programme } from '@benefits/contracts';
import type { DisbursementConfig } from '../../config';

/**
 * Who pays a programme from its own account (the domain brief): since 2025 social assistance and the social pension
 * belong to the provincial Department of Health (Sở Y tế), people with meritorious service to the Department of Home
 * Affairs (Sở Nội vụ). A bank file is debited from one account (formats.md: one PmtInf per debtor account), so bank
 * payments are batched per department, and each department's account has its own statements and returns.
 */
export type PayingDepartment = 'health' | 'home_affairs';

export const PAYING_DEPARTMENTS: readonly PayingDepartment[] = ['health', 'home_affairs'];

export function payingDepartment(programme: Programme): PayingDepartment {
  return programme === 'meritorious' ? 'home_affairs' : 'health';
}

/** payingDepartment in SQL, of a programme column (the batch planner's group key). */
export function payingDepartmentSql(programmeColumn: string): string {
  return `CASE ${programmeColumn} WHEN 'meritorious' THEN 'home_affairs' ELSE 'health' END`;
}

export interface PayingAccount {
  readonly name: string;
  readonly account: string;
  /** The BIN of the bank holding the account (DbtrAgt). */
  readonly bin: string;
}

export function payingAccount(config: Pick<DisbursementConfig, PayingAccountSetting>, department: PayingDepartment): PayingAccount {
  return department === 'home_affairs'
    ? { name: config.HOME_AFFAIRS_DEBTOR_NAME, account: config.HOME_AFFAIRS_DEBTOR_ACCOUNT, bin: config.HOME_AFFAIRS_DEBTOR_BIN }
    : { name: config.DEBTOR_NAME, account: config.DEBTOR_ACCOUNT, bin: config.DEBTOR_BIN };
}

/** Every account the province pays from, once each (one account may serve both departments). */
export function payingAccounts(config: Pick<DisbursementConfig, PayingAccountSetting>): string[] {
  return [...new Set(PAYING_DEPARTMENTS.map((d) => payingAccount(config, d).account))];
}

type PayingAccountSetting = 'DEBTOR_NAME' | 'DEBTOR_ACCOUNT' | 'DEBTOR_BIN' | 'HOME_AFFAIRS_DEBTOR_NAME' | 'HOME_AFFAIRS_DEBTOR_ACCOUNT' | 'HOME_AFFAIRS_DEBTOR_BIN';

/**
 * The paying department of a bank batch, from its group key: the creditor BIN and the department ("970436/health",
 * batch-planner.ts). A batch planned before departments were told apart has the BIN alone: the Department of
 * Health's, the only account then.
 */
export function departmentOfGroupKey(groupKey: string): PayingDepartment {
  return groupKey.endsWith('/home_affairs') ? 'home_affairs' : 'health';
}

/** A bank batch planned before departments were told apart: its key is the BIN alone. */
export function isLegacyGroupKey(groupKey: string): boolean {
  return !groupKey.includes('/');
}

/**
 * The department whose account a payment was debited from: its bank batch's (a meritorious payment sent before the
 * departments were told apart left from the Department of Health's account), else its programme's.
 */
export function debitedDepartment(programme: Programme, bankGroupKey: string | null): PayingDepartment {
  return bankGroupKey === null ? payingDepartment(programme) : departmentOfGroupKey(bankGroupKey);
}
