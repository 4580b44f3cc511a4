// The reader thread of read-ahead.ts: reads a large file ahead of the parser (and hashes it) on its own thread.
import { readerThread, type ReaderMessage, type ReaderRequest } from './read-ahead';

const serve = readerThread((m: ReaderMessage, transfer: Transferable[]) => self.postMessage(m, { transfer }));
self.onmessage = (e: MessageEvent<ReaderRequest>) => serve(e.data);
