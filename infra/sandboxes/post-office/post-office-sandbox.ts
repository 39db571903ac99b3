import { deliverCallback } from '../shared/callback';
import { bodyParserStatus, errorHandler, express, type App } from '../shared/express';
import { createLogger } from '../shared/logger';
import { Scheduler } from '../shared/scheduler';
import { HttpServer, type Listening } from '../shared/server';
import { batchSchema, checkBatch } from './batch';
import { Batches } from './batches';
import { postOfficeConfig, type PostOfficeConfig } from './config';
import { applyFaults, settlementFaultsSchema, type SettlementFaults } from './faults';

export interface PostOfficeSandbox {
  app: App;
  config: PostOfficeConfig;
  /** Port 0 (the default) picks a free port. */
  listen(port?: number): Promise<Listening>;
  close(): Promise<void>;
}

/**
 * The post office over JSON/HTTP: takes a payment list (account or cash point), acknowledges at once, and after a
 * delay reports per payment — paid, not collected, rejected — in a settlement report. All state is in memory.
 */
export function createPostOfficeSandbox(overrides: Partial<PostOfficeConfig> = {}): PostOfficeSandbox {
  const config = postOfficeConfig(overrides);
  const logger = createLogger('post-office-sandbox', config.logLevel);
  const scheduler = new Scheduler(config.clock, (error) => logger.error({ err: error }, 'scheduled work failed'));
  const batches = new Batches({
    config,
    scheduler,
    logger,
    onFinal: (report) => {
      if (config.callbackUrl) {
        void deliverCallback(config.callbackUrl, JSON.stringify(report), 'application/json', logger, `report ${report.batchId}`);
      }
    },
  });

  let faults: SettlementFaults = config.faults;
  const app = express();
  app.set('x-powered-by', false);
  // Whatever is due happens before any answer, so a client never reads a stale state.
  app.use((_req, _res, next) => {
    scheduler.advance();
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', batches: batches.count() });
  });

  app.post('/batches', express.json({ limit: config.bodyLimit }), (req, res) => {
    const parsed = batchSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'BAD_REQUEST', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      return;
    }
    const problems = checkBatch(parsed.data);
    if (problems.length > 0) {
      logger.info({ batchId: parsed.data.batchId, problems }, 'payment list rejected');
      res.status(422).json({ error: 'BATCH_REJECTED', batchId: parsed.data.batchId, reasons: problems });
      return;
    }
    const result = batches.receive(parsed.data);
    if (result.kind === 'conflict') {
      res.status(409).json({ error: 'BATCH_ID_REUSED', batchId: result.batchId, message: 'batchId already used for another list' });
      return;
    }
    if (result.replay) res.set('Idempotent-Replay', 'true');
    res.status(202).json(result.ack);
  });

  app.get('/batches/:batchId/report', (req, res) => {
    const report = batches.report(req.params.batchId ?? '');
    if (report === undefined) res.status(404).json({ error: 'UNKNOWN_BATCH', batchId: req.params.batchId });
    else res.json(applyFaults(report, faults));
  });

  app.get('/admin/faults', (_req, res) => {
    res.json(faults);
  });

  app.post('/admin/faults', express.json(), (req, res) => {
    const parsed = settlementFaultsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'BAD_REQUEST', issues: parsed.error.issues });
      return;
    }
    faults = parsed.data;
    logger.info({ faults }, 'settlement report faults set');
    res.json(faults);
  });

  app.post('/admin/reset', (_req, res) => {
    scheduler.clear();
    batches.reset();
    faults = config.faults;
    res.json({ status: 'reset' });
  });

  // Errors of the body parser (too large, malformed JSON) and our own, in one place.
  app.use(
    errorHandler((err, _req, res) => {
      const status = bodyParserStatus(err);
      if (status === undefined) {
        logger.error({ err }, 'request failed');
        res.status(500).json({ error: 'INTERNAL' });
      } else {
        res.status(status).json({ error: 'BAD_REQUEST', message: (err as Error).message });
      }
    }),
  );

  const server = new HttpServer(app);
  return {
    app,
    config,
    listen: (port = 0) => server.listen(port),
    close: async () => {
      scheduler.clear();
      await server.close();
    },
  };
}
