import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import type { EligibilityConfig } from '../config';
import { FileTooLargeError } from './import-errors';

/** What the multipart interceptor (multer, disk storage) hands the controller. */
export interface MultipartFile {
  readonly path: string;
  readonly originalname: string;
  readonly size: number;
}

/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Refuses an upload whose declared Content-Length is over the limit before a byte is read (a body sent without one
 * is cut by the limits of the multipart parser or of saveRequestBody). The body is drained so the client, still
 * sending, receives the answer.
 */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(@Inject(ELIGIBILITY_CONFIG) private readonly config: EligibilityConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > this.config.IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) {
      request.resume();
      throw new FileTooLargeError(this.config.IMPORT_MAX_BYTES);
    }
    return next.handle();
  }
}

/** A raw (non-multipart) body streamed into a temporary file, never held in memory. */
export async function saveRequestBody(request: Request, limitBytes: number): Promise<string> {
  const path = join(tmpdir(), `eligibility-import-${randomUUID()}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limitBytes ? new FileTooLargeError(limitBytes) : null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(path));
    return path;
  } catch (error) {
    await rm(path, { force: true });
    request.resume();
    throw error;
  }
}
