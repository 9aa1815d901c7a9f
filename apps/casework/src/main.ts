import { bootstrapService } from '@linkway/platform';
import { AppModule } from './app.module';

void bootstrapService(AppModule, 'casework');
