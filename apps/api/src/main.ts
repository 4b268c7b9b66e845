import 'reflect-metadata';
import { SqliteEventStore } from '@rag-ledger/event-store';
console.log(typeof SqliteEventStore);
