// npm run import -- <file> [--publish] ...: one plain-text article into this project's CMS.
import { loadProjectConfig } from '../cli/run-cli'
import { runImportCommand } from './import-command'

void runImportCommand(process.argv.slice(2), loadProjectConfig, 'npm run import --')
