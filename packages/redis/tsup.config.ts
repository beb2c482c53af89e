import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

export default defineConfig(libraryBuild({ external: ['@wazzup-sdk/core', 'ioredis'] }));
