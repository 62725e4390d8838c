// The plugin's admin components, imported by the host's import map as `kap-content-cms/admin#<Name>`
// (Payload's `payload generate:importmap` writes the import).
export { StaffDashboard } from './StaffDashboard'
