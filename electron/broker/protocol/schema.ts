// The shape of a message schema as our generator emits it from Kafka's JSON specs. Version ranges
// are inclusive [min, max]; null means "none". Field names are camelCase versions of Kafka's.

export type VersionRange = readonly [number, number] | null;

export type PrimitiveType =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'int64'
  | 'float64'
  | 'string'
  | 'bytes'
  | 'records'
  | 'uuid';

export type DefaultValue = number | bigint | string | boolean | null;

export interface FieldSpec {
  readonly name: string;
  /** A primitive, or 'struct' with `fields`. */
  readonly type: PrimitiveType | 'struct';
  readonly array?: true;
  readonly versions: VersionRange;
  readonly nullable?: VersionRange;
  readonly tagged?: VersionRange;
  readonly tag?: number;
  /** A field-level override of the message's flexible versions (RequestHeader's ClientId). */
  readonly flexible?: VersionRange;
  readonly default?: DefaultValue;
  readonly fields?: readonly FieldSpec[];
}

export interface MessageSpec {
  readonly name: string;
  readonly apiKey?: number;
  readonly kind: 'request' | 'response' | 'header' | 'data';
  readonly valid: VersionRange;
  readonly flexible: VersionRange;
  readonly fields: readonly FieldSpec[];
}

export const inRange = (range: VersionRange | undefined, version: number): boolean =>
  !!range && version >= range[0] && version <= range[1];
