#!/usr/bin/env node
// The built CLI lives in dist/; this shim exists before the build so installs can link it.
import '../dist/main.js';
