import * as migration_20261127_023707_initial from './20261127_023707_initial';
import * as migration_20261127_043251_media_object_storage from './20261127_043251_media_object_storage';
import * as migration_20261127_061434_article_listing_index from './20261127_061434_article_listing_index';
import * as migration_20261127_104116_staff_workflow from './20261127_104116_staff_workflow';

export const migrations = [
  {
    up: migration_20261127_023707_initial.up,
    down: migration_20261127_023707_initial.down,
    name: '20261127_023707_initial',
  },
  {
    up: migration_20261127_043251_media_object_storage.up,
    down: migration_20261127_043251_media_object_storage.down,
    name: '20261127_043251_media_object_storage',
  },
  {
    up: migration_20261127_061434_article_listing_index.up,
    down: migration_20261127_061434_article_listing_index.down,
    name: '20261127_061434_article_listing_index',
  },
  {
    up: migration_20261127_104116_staff_workflow.up,
    down: migration_20261127_104116_staff_workflow.down,
    name: '20261127_104116_staff_workflow'
  },
];
