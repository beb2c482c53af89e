import { defineConfig } from 'tsup';
import { libraryBuild } from '../tsup.shared';

export default defineConfig(libraryBuild({ tsconfig: 'tsconfig.build.json' }));
