import * as Comlink from 'comlink';
import api from './api';
import { prewarmReader } from './read-file';

Comlink.expose(api);
// The reader thread for large files starts now, while the page is idle, rather than when a file arrives.
prewarmReader();
