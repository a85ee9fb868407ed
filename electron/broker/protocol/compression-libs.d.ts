// Types for the two pure-JS decoders that ship none (CommonJS modules, imported as defaults).

declare module 'snappyjs' {
  const snappyjs: {
    /** Decodes one raw snappy block; throws on an invalid bitstream or past maxLength. */
    uncompress(compressed: Buffer, maxLength?: number): Buffer;
    /** Encodes one raw snappy block. */
    compress(uncompressed: Buffer): Buffer;
  };
  export default snappyjs;
}

declare module 'lz4js' {
  const lz4js: {
    /**
     * Decodes the LZ4 block src[sIndex, sIndex + sLength) into dst from dIndex; returns the index
     * after the last byte written (writes past dst are dropped, the index still counts them).
     */
    decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
    /** Encodes an LZ4 frame (64 KB blocks, no content size, no checksums). */
    compress(src: Uint8Array): Uint8Array;
  };
  export default lz4js;
}

declare module 'lz4js/xxh32.js' {
  const xxh32: {
    /** XXH32 of src[index, index + len). */
    hash(seed: number, src: Uint8Array, index: number, len: number): number;
  };
  export default xxh32;
}
