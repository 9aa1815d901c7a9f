import path from 'node:path';
import { IsString, MinLength } from 'class-validator';
import { configNamespace } from '@linkway/config';

/** Where the built web UI (apps/web, `npx nx build web`) is read from. */
export class WebConfig {
  /**
   * The Vite build output. Apps run from source (tools/register.js), so the default is the
   * workspace's apps/web/dist; a packaged deployment points it elsewhere.
   */
  @IsString()
  @MinLength(1)
  WEB_DIST_DIR = path.resolve(__dirname, '../../../../../apps/web/dist');
}

export const webConfig = configNamespace('web', WebConfig);
