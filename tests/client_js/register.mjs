// `node --import ./tests/client_js/register.mjs`: loads client/*.js as ES modules (esm_hooks.mjs).
import { register } from 'node:module';

register('./esm_hooks.mjs', import.meta.url);
