import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { tmpdir } from 'node:os';
import type { EligibilityConfig } from '../config';
import { RegisterModule } from '../register/register.module';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';
import { UploadLimitInterceptor } from './upload';

@Module({
  imports: [
    RegisterModule,
    // Uploads go to a temporary file (never into memory), cut at the configured limit.
    MulterModule.registerAsync({
      inject: [ELIGIBILITY_CONFIG],
      useFactory: (config: EligibilityConfig) => ({ dest: tmpdir(), limits: { fileSize: config.IMPORT_MAX_BYTES, files: 1 } }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportService, UploadLimitInterceptor],
})
export class ImportsModule {}
