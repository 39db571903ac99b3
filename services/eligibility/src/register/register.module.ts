import { Module } from '@nestjs/common';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';
import { RegisterWriter } from './register-writer';

@Module({
  controllers: [RegisterController],
  providers: [RegisterWriter, RegisterService],
  exports: [RegisterWriter],
})
export class RegisterModule {}
