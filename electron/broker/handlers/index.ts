// Every API the broker serves, one module each, named for its API key.
import { register } from './registry';
import apiVersions from './18-api-versions';
import metadata from './03-metadata';
import produce from './00-produce';
import fetch from './01-fetch';
import listOffsets from './02-list-offsets';
import initProducerId from './22-init-producer-id';
import createTopics from './19-create-topics';
import deleteTopics from './20-delete-topics';
import deleteRecords from './21-delete-records';
import describeConfigs from './32-describe-configs';
import alterConfigs from './33-alter-configs';
import describeLogDirs from './35-describe-log-dirs';
import createPartitions from './37-create-partitions';
import incrementalAlterConfigs from './44-incremental-alter-configs';
import describeCluster from './60-describe-cluster';
import offsetCommit from './08-offset-commit';
import offsetFetch from './09-offset-fetch';
import offsetDelete from './47-offset-delete';
import findCoordinator from './10-find-coordinator';
import joinGroup from './11-join-group';
import heartbeat from './12-heartbeat';
import leaveGroup from './13-leave-group';
import syncGroup from './14-sync-group';
import describeGroups from './15-describe-groups';
import listGroups from './16-list-groups';
import deleteGroups from './42-delete-groups';
import saslHandshake from './17-sasl-handshake';
import saslAuthenticate from './36-sasl-authenticate';
import addPartitionsToTxn from './24-add-partitions-to-txn';
import addOffsetsToTxn from './25-add-offsets-to-txn';
import endTxn from './26-end-txn';
import writeTxnMarkers from './27-write-txn-markers';
import txnOffsetCommit from './28-txn-offset-commit';
import describeProducers from './61-describe-producers';
import describeTransactions from './65-describe-transactions';
import listTransactions from './66-list-transactions';
import describeAcls from './29-describe-acls';
import createAcls from './30-create-acls';
import deleteAcls from './31-delete-acls';

register(
  apiVersions,
  metadata,
  produce,
  fetch,
  listOffsets,
  initProducerId,
  createTopics,
  deleteTopics,
  deleteRecords,
  describeConfigs,
  alterConfigs,
  describeLogDirs,
  createPartitions,
  incrementalAlterConfigs,
  describeCluster,
  offsetCommit,
  offsetFetch,
  offsetDelete,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  deleteGroups,
  saslHandshake,
  saslAuthenticate,
  addPartitionsToTxn,
  addOffsetsToTxn,
  endTxn,
  writeTxnMarkers,
  txnOffsetCommit,
  describeProducers,
  describeTransactions,
  listTransactions,
  describeAcls,
  createAcls,
  deleteAcls,
);

export { handlers, apiVersionsList } from './registry';
