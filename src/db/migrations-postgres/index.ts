import * as migration_20261127_023707_initial from './20261127_023707_initial';
import * as migration_20261127_043251_media_object_storage from './20261127_043251_media_object_storage';

export const migrations = [
  {
    up: migration_20261127_023707_initial.up,
    down: migration_20261127_023707_initial.down,
    name: '20261127_023707_initial',
  },
  {
    up: migration_20261127_043251_media_object_storage.up,
    down: migration_20261127_043251_media_object_storage.down,
    name: '20261127_043251_media_object_storage'
  },
];
