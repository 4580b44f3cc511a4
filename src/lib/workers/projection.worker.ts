import * as Comlink from 'comlink';
import api from './projection-api';

Comlink.expose(api);
