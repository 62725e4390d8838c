// npm run seed: the bundled sample article (published) and, with ADMIN_EMAIL/ADMIN_PASSWORD, an admin.
import { loadProjectConfig } from '../cli/run-cli'
import { runSeedCommand } from './seed-command'

void runSeedCommand(loadProjectConfig)
