import { deliverCallback } from '../shared/callback';
import { sha256 } from '../shared/determinism';
import { bodyParserStatus, errorHandler, express, type App, type Request, type Response } from '../shared/express';
import { createLogger } from '../shared/logger';
import { Scheduler } from '../shared/scheduler';
import { HttpServer, type Listening } from '../shared/server';
import { bankConfig, type BankConfig } from './config';
import { statementFaultsSchema, type StatementFaults } from './faults';
import { Ledger } from './ledger';
import { PaymentFiles } from './payment-files';
import { renderCamt053, renderCamt054 } from './statements';

export interface BankSandbox {
  app: App;
  config: BankConfig;
  /** Port 0 (the default) picks a free port. */
  listen(port?: number): Promise<Listening>;
  close(): Promise<void>;
}

const XML_TYPES = ['application/xml', 'text/xml', 'application/*+xml'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bank that takes pain.001 files over HTTP, answers at once with a pain.002, settles or rejects each payment
 * after a delay by the patterns in its sandbox data, and reports on camt.053/054. All state is in memory.
 */
export function createBankSandbox(overrides: Partial<BankConfig> = {}): BankSandbox {
  const config = bankConfig(overrides);
  const logger = createLogger('bank-sandbox', config.logLevel);
  const scheduler = new Scheduler(config.clock, (error) => logger.error({ err: error }, 'scheduled work failed'));
  // AcctSvcrRef is unique at a real bank for ever: the seed's prefix, then when this sandbox started (a restarted
  // sandbox numbers its bookings from 1 again, and reconciliation keeps one line per reference).
  const ledger = new Ledger(BigInt(config.openingBalance), `SBX${sha256(config.seed).slice(0, 6).toUpperCase()}${Date.now().toString(36).toUpperCase()}`);
  let faults: StatementFaults = config.faults;
  const files = new PaymentFiles({
    config,
    scheduler,
    ledger,
    logger,
    onFinal: (msgId, pain002) => {
      if (config.callbackUrl) void deliverCallback(config.callbackUrl, pain002, 'application/xml', logger, `pain.002 ${msgId}`);
    },
  });
  const statementOptions = () => ({ faults, batchBooking: config.batchBooking, seed: config.seed });
  const xml = (res: Response, status: number, body: string) => res.status(status).type('application/xml').send(body);

  const app = express();
  app.set('x-powered-by', false);
  // Whatever is due happens before any answer, so a client never reads a stale state.
  app.use((_req, _res, next) => {
    scheduler.advance();
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', files: files.count() });
  });

  app.post('/pain001', express.text({ type: XML_TYPES, limit: config.bodyLimit }), (req, res) => {
    if (typeof req.body !== 'string') {
      xml(res, 415, files.rejectUnread('Content-Type must be application/xml'));
      return;
    }
    const ack = files.receive(req.body);
    if (ack.replay) res.set('Idempotent-Replay', 'true');
    xml(res, ack.httpStatus, ack.xml);
  });

  app.get('/pain002/:msgId', (req, res) => {
    const report = files.report(req.params.msgId ?? '');
    if (report === undefined) res.status(404).json({ error: 'UNKNOWN_MSG_ID', msgId: req.params.msgId });
    else xml(res, 200, report);
  });

  app.get('/camt053', (req, res) => {
    const date = queryText(req, 'date');
    if (!date || !DATE.test(date)) {
      res.status(400).json({ error: 'BAD_REQUEST', message: 'date=YYYY-MM-DD is required' });
      return;
    }
    const account = queryText(req, 'account');
    xml(res, 200, renderCamt053(ledger, date, account ? [account] : ledger.accounts(), scheduler.now(), statementOptions()));
  });

  app.get('/camt054', (req, res) => {
    const sinceText = queryText(req, 'since');
    const since = sinceText === undefined ? Number.NEGATIVE_INFINITY : Date.parse(sinceText);
    if (Number.isNaN(since)) {
      res.status(400).json({ error: 'BAD_REQUEST', message: 'since must be an ISO date-time' });
      return;
    }
    // A customer may subscribe to credit or debit notifications only (a payer watching for returns wants credits).
    const creditDebit = queryText(req, 'creditDebit');
    if (creditDebit !== undefined && creditDebit !== 'CRDT' && creditDebit !== 'DBIT') {
      res.status(400).json({ error: 'BAD_REQUEST', message: 'creditDebit must be CRDT or DBIT' });
      return;
    }
    xml(res, 200, renderCamt054(ledger, since, queryText(req, 'account'), scheduler.now(), statementOptions(), creditDebit));
  });

  app.get('/admin/faults', (_req, res) => {
    res.json(faults);
  });

  app.post('/admin/faults', express.json(), (req, res) => {
    const parsed = statementFaultsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'BAD_REQUEST', issues: parsed.error.issues });
      return;
    }
    faults = parsed.data;
    logger.info({ faults }, 'statement faults set');
    res.json(faults);
  });

  app.post('/admin/reset', (_req, res) => {
    scheduler.clear();
    files.reset();
    ledger.reset();
    faults = config.faults;
    res.json({ status: 'reset' });
  });

  // Errors of the body parsers (too large, unreadable) and our own, in one place.
  app.use(
    errorHandler((err, req, res) => {
      const status = bodyParserStatus(err);
      if (status === undefined) {
        logger.error({ err }, 'request failed');
        res.status(500).json({ error: 'INTERNAL' });
      } else if (req.path === '/pain001') {
        // A file too large or in a broken encoding is a file the bank cannot read: FF01.
        xml(res, status, files.rejectUnread((err as Error).message));
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

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
