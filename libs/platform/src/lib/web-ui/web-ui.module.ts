import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { webConfig } from './web.config';
import { WEB_UI_SERVER_PREFIXES, WebUiRegistrar } from './web-ui.registrar';

/** The built web UI (apps/web) at `/`, for the hub gateways and the federation alike. */
@Module({})
export class WebUiModule {
  /** `serverPrefixes`: the app's own paths beyond /api and /health that must never get the UI. */
  static forRoot({ serverPrefixes = [] }: { serverPrefixes?: string[] } = {}): DynamicModule {
    return {
      module: WebUiModule,
      imports: [ConfigModule.forFeature(webConfig)],
      providers: [WebUiRegistrar, { provide: WEB_UI_SERVER_PREFIXES, useValue: serverPrefixes }],
    };
  }
}
