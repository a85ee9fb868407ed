// PRODUCER_FENCED (KIP-588) is new in AddPartitionsToTxn, AddOffsetsToTxn and EndTxn v2 and in
// InitProducerId v4; older versions get INVALID_PRODUCER_EPOCH instead, as Kafka answers them.
import { ErrorCode } from '../protocol/errors';

export const fencedAs = (errorCode: number, version: number, producerFencedSince: number): number =>
  errorCode === ErrorCode.PRODUCER_FENCED && version < producerFencedSince ? ErrorCode.INVALID_PRODUCER_EPOCH : errorCode;
