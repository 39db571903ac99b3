import { Module } from '@nestjs/common';
import type { Channel } from '@benefits/contracts';
import { BankAdapter } from './bank.adapter';
import { CHANNEL_ADAPTERS, type ChannelAdapter } from './channel-adapter';
import { PostOfficeAccountAdapter, PostOfficeCashAdapter } from './post-office.adapter';

export type ChannelAdapters = ReadonlyMap<Channel, ChannelAdapter>;

export function adapterFor(adapters: ChannelAdapters, channel: Channel): ChannelAdapter {
  const adapter = adapters.get(channel);
  if (!adapter) throw new Error(`No adapter for channel ${channel}`);
  return adapter;
}

/** The three channels behind one interface, looked up by channel. */
@Module({
  providers: [
    BankAdapter,
    PostOfficeAccountAdapter,
    PostOfficeCashAdapter,
    {
      provide: CHANNEL_ADAPTERS,
      inject: [BankAdapter, PostOfficeAccountAdapter, PostOfficeCashAdapter],
      useFactory: (...adapters: ChannelAdapter[]): ChannelAdapters => new Map(adapters.map((adapter) => [adapter.channel, adapter])),
    },
  ],
  exports: [CHANNEL_ADAPTERS],
})
export class ChannelsModule {}
