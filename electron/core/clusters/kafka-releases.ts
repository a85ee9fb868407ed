// Which Kafka release a broker is, judged from its ApiVersions answer: Kafka does not tell its
// version on the wire, but nearly every release raises the highest version of a request clients
// make, so the newest release whose raised versions a broker speaks is a good lower bound. The
// markers are the first release where each API reached that version (Kafka's JSON specs and the
// release notes; franz-go's kversion tables agree), on APIs every Kafka-compatible broker serves,
// with two per release where they exist so a broker that lacks one API is still placed.
// 3.4 raised only inter-broker requests, so a 3.4 broker reads as 3.3.
import { ApiKey } from '../../broker/protocol/messages.generated';

type Marker = readonly [apiKey: number, version: number];

const { Produce, Fetch, ListOffsets, Metadata, OffsetCommit, OffsetFetch, JoinGroup, ListGroups, ApiVersions, CreateTopics, DescribeLogDirs, AddPartitionsToTxn } = ApiKey;

/** Oldest first: a release and the request versions it was the first to serve. */
const RELEASES: readonly (readonly [release: string, markers: readonly Marker[]])[] = [
  ['0.10.0', [[ApiVersions, 0]]],
  ['0.10.1', [[Metadata, 2]]],
  ['0.10.2', [[CreateTopics, 1]]],
  ['0.11.0', [[Produce, 3], [Metadata, 4]]],
  ['1.0', [[Produce, 5], [DescribeLogDirs, 0]]],
  ['1.1', [[Fetch, 7]]],
  ['2.0', [[Produce, 6], [Metadata, 6]]],
  ['2.1', [[Produce, 7], [Fetch, 10]]],
  ['2.2', [[JoinGroup, 4], [ListOffsets, 5]]],
  ['2.3', [[Fetch, 11], [Metadata, 8]]],
  ['2.4', [[Produce, 8], [Metadata, 9]]],
  ['2.5', [[JoinGroup, 7]]],
  ['2.6', [[ListGroups, 4], [DescribeLogDirs, 2]]],
  ['2.7', [[Fetch, 12], [CreateTopics, 6]]],
  ['2.8', [[Produce, 9], [Metadata, 11]]],
  ['3.0', [[ListOffsets, 7], [OffsetFetch, 8]]],
  ['3.1', [[Fetch, 13], [Metadata, 12]]],
  ['3.2', [[JoinGroup, 9], [DescribeLogDirs, 3]]],
  ['3.3', [[DescribeLogDirs, 4]]],
  ['3.5', [[Fetch, 15], [ListOffsets, 8]]],
  ['3.6', [[AddPartitionsToTxn, 4]]],
  ['3.7', [[Produce, 10], [Fetch, 16]]],
  ['3.8', [[Produce, 11], [ListGroups, 5]]],
  ['3.9', [[Fetch, 17], [ApiVersions, 4]]],
  ['4.0', [[Produce, 12], [ListOffsets, 10], [Metadata, 13]]],
  ['4.1', [[Produce, 13], [Fetch, 18]]],
  ['4.2', [[ListOffsets, 11], [OffsetCommit, 10]]],
  ['4.3', [[DescribeLogDirs, 5]]],
];

/** The newest release whose request versions these are (or a later one); undefined when none matches (before 0.10). */
export function releaseOf(versions: Readonly<Record<number, { maxVersion: number }>>): string | undefined {
  for (let i = RELEASES.length - 1; i >= 0; i--) {
    const [release, markers] = RELEASES[i]!;
    if (markers.some(([key, version]) => (versions[key]?.maxVersion ?? -1) >= version)) return release;
  }
  return undefined;
}

/** Orders release names as Kafka numbers them ("3.10" after "3.9"). */
export function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The newest release known here: a broker placed there may be that or any later one. */
export const NEWEST_KNOWN_RELEASE = RELEASES[RELEASES.length - 1]![0];
