import { z } from 'zod';

/**
 * Faults by name, as an environment variable lists them ("drop-line,alter-amount"): each name stands for a key of the
 * sandbox's faults; alter-amount takes its default delta of 1,000 đồng, the others no settings. An unknown name throws.
 */
export function faultsFromNames<F extends Record<string, object | undefined>>(list: string, names: Readonly<Record<string, keyof F & string>>): F {
  const faults: Record<string, object> = {};
  for (const name of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const key = names[name];
    if (!key) throw new Error(`unknown fault "${name}", expected one of ${Object.keys(names).join(', ')}`);
    faults[key] = key === 'alterAmount' ? { delta: '1000' } : {};
  }
  return faults as F;
}

/** An environment setting that lists faults by name (faultsFromNames), refused with the unknown name. */
export function faultListSetting<F>(parse: (list: string) => F) {
  return z.string().transform((list, ctx) => {
    try {
      return parse(list);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}
