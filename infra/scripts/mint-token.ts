import { parseArgs } from 'node:util';
import { DEV_AUTH_SECRET, mintDevToken, ROLES, type Role } from '@benefits/platform';

/**
 * `npm run token -- --user an.nguyen --roles operator,approver [--programmes social_assistance] [--communes 30307]`
 * prints a development bearer token for the local issuer (the services' default settings). Production verifies
 * tokens of the OIDC provider (AUTH_JWKS_URL) and never accepts these.
 */
const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'string' },
    programmes: { type: 'string' },
    province: { type: 'string', default: '91' },
    communes: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});

const roles = (values.roles ?? '').split(',').filter(Boolean) as Role[];
if (!values.user || roles.length === 0 || roles.some((r) => !ROLES.includes(r))) {
  console.error(`usage: npm run token -- --user ID --roles ${ROLES.join('|')}[,...] [--programmes ...] [--communes ...]`);
  process.exit(2);
}

mintDevToken(
  { issuer: process.env.AUTH_ISSUER ?? 'benefit-payments-dev', audience: process.env.AUTH_AUDIENCE ?? 'benefit-payments', devSecret: process.env.AUTH_DEV_SECRET ?? DEV_AUTH_SECRET },
  {
    sub: values.user,
    name: values.name,
    roles,
    programmes: values.programmes?.split(','),
    provinceCode: values.province,
    communeCodes: values.communes?.split(','),
    expiresIn: Number(values.hours) * 3600,
  },
).then((token) => console.log(token));
