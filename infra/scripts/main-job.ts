/**
 * The main job run by `npm start`, against the services started by infra/start.sh.
 * For now it checks that the whole platform is up and healthy and prints what answers where.
 */
const SERVICES = [
  { name: 'eligibility', url: process.env.ELIGIBILITY_URL ?? 'http://127.0.0.1:3001' },
  { name: 'entitlement', url: process.env.ENTITLEMENT_URL ?? 'http://127.0.0.1:3002' },
  { name: 'disbursement', url: process.env.DISBURSEMENT_URL ?? 'http://127.0.0.1:3003' },
];

async function main() {
  let healthy = true;
  for (const service of SERVICES) {
    const response = await fetch(`${service.url}/health`);
    const body = (await response.json()) as { status: string; details: Record<string, { status: string }> };
    const dependencies = Object.entries(body.details)
      .map(([name, detail]) => `${name} ${detail.status}`)
      .join(', ');
    console.log(`${service.name.padEnd(13)} ${body.status.padEnd(6)} ${dependencies}`);
    healthy &&= response.ok;
  }
  console.log(healthy ? 'The platform is up and healthy.' : 'Some part of the platform is not healthy: see above.');
  if (!healthy) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error('The main job failed:', error);
  process.exit(1);
});
