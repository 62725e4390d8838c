import * as migration_20261126_044443_initial from './20261126_044443_initial';
import * as migration_20261126_061633_webhooks from './20261126_061633_webhooks';
import * as migration_20261126_073038_audit_log from './20261126_073038_audit_log';
import * as migration_20261126_230014_image_publication from './20261126_230014_image_publication';
import * as migration_20261126_233350_site_keys from './20261126_233350_site_keys';
import * as migration_20261127_043242_media_object_storage from './20261127_043242_media_object_storage';
import * as migration_20261127_061428_article_listing_index from './20261127_061428_article_listing_index';
import * as migration_20261127_104101_staff_workflow from './20261127_104101_staff_workflow';

export const migrations = [
  {
    up: migration_20261126_044443_initial.up,
    down: migration_20261126_044443_initial.down,
    name: '20261126_044443_initial',
  },
  {
    up: migration_20261126_061633_webhooks.up,
    down: migration_20261126_061633_webhooks.down,
    name: '20261126_061633_webhooks',
  },
  {
    up: migration_20261126_073038_audit_log.up,
    down: migration_20261126_073038_audit_log.down,
    name: '20261126_073038_audit_log',
  },
  {
    up: migration_20261126_230014_image_publication.up,
    down: migration_20261126_230014_image_publication.down,
    name: '20261126_230014_image_publication',
  },
  {
    up: migration_20261126_233350_site_keys.up,
    down: migration_20261126_233350_site_keys.down,
    name: '20261126_233350_site_keys',
  },
  {
    up: migration_20261127_043242_media_object_storage.up,
    down: migration_20261127_043242_media_object_storage.down,
    name: '20261127_043242_media_object_storage',
  },
  {
    up: migration_20261127_061428_article_listing_index.up,
    down: migration_20261127_061428_article_listing_index.down,
    name: '20261127_061428_article_listing_index',
  },
  {
    up: migration_20261127_104101_staff_workflow.up,
    down: migration_20261127_104101_staff_workflow.down,
    name: '20261127_104101_staff_workflow'
  },
];
