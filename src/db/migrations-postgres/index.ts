import * as migration_20261127_023707_initial from './20261127_023707_initial';

export const migrations = [
  {
    up: migration_20261127_023707_initial.up,
    down: migration_20261127_023707_initial.down,
    name: '20261127_023707_initial'
  },
];
