// Restores Pyodide's memory snapshot without touching the pages that are zero in both the snapshot and
// the fresh WebAssembly memory, so they stay unbacked: about half of an idle interpreter's image.
const chunkBytes = 64 * 1024;
const zeros = new Uint8Array(chunkBytes);

function isZero(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(zeros.subarray(0, bytes.byteLength));
}

/** Runs `load` with `TypedArray#set` copying `snapshot`'s bytes sparsely; restores it afterwards. */
export async function withSparseRestore(snapshot, load) {
  if (!snapshot) return load();
  const prototype = Object.getPrototypeOf(Int8Array.prototype);
  const set = prototype.set;
  prototype.set = function sparseSet(source, offset = 0) {
    if (source?.buffer !== snapshot.buffer || source.byteLength < chunkBytes || !(this instanceof Int8Array)) {
      return set.call(this, source, offset);
    }
    const target = new Uint8Array(this.buffer, this.byteOffset + offset, source.byteLength);
    const from = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    for (let start = 0; start < from.length; start += chunkBytes) {
      const part = from.subarray(start, start + chunkBytes);
      const into = target.subarray(start, start + chunkBytes);
      if (!isZero(part) || !isZero(into)) set.call(into, part);
    }
  };
  try {
    return await load();
  } finally {
    prototype.set = set;
  }
}
