import type { IncomingHttpHeaders, Server } from 'node:http';

/**
 * express 5 comes with @nestjs/platform-express, but @types/express is not installed. Rather than declaring the
 * module globally (which would clash the day the types are added), this file types the small surface the
 * sandboxes use and loads express through require.
 */
export interface Request {
  body: unknown;
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  method: string;
  path: string;
}

export interface Response {
  status(code: number): Response;
  type(contentType: string): Response;
  set(field: string, value: string): Response;
  send(body: string): Response;
  json(body: unknown): Response;
  headersSent: boolean;
}

export type NextFunction = (err?: unknown) => void;
export type Handler = (req: Request, res: Response, next: NextFunction) => void;
export type ErrorHandler = (err: unknown, req: Request, res: Response, next: NextFunction) => void;

export interface App {
  (req: unknown, res: unknown): void;
  use(handler: Handler): App;
  use(handler: ErrorHandler): App;
  get(path: string, ...handlers: Handler[]): App;
  post(path: string, ...handlers: Handler[]): App;
  set(setting: string, value: unknown): App;
  listen(port: number, callback: (error?: Error) => void): Server;
}

interface BodyParserOptions {
  limit?: string;
  type?: string | string[];
  strict?: boolean;
}

interface ExpressModule {
  (): App;
  json(options?: BodyParserOptions): Handler;
  text(options?: BodyParserOptions): Handler;
}

export const express = require('express') as ExpressModule;

/**
 * express recognises an error handler by its four parameters; this wrapper keeps the fourth and hands an error
 * back to express when the answer has already started.
 */
export function errorHandler(handle: (err: unknown, req: Request, res: Response) => void): ErrorHandler {
  return (err, req, res, next) => {
    if (res.headersSent) next(err);
    else handle(err, req, res);
  };
}

/** An error raised by express' body parsers: too large (413), malformed JSON (400), wrong charset (415). */
export function bodyParserStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, type } = err as { status?: unknown; type?: unknown };
  return typeof status === 'number' && typeof type === 'string' ? status : undefined;
}
