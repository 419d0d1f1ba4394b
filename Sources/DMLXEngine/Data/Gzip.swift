import CZlib

/// Gzip decompression through zlib (RFC 1952 members, as written by `gzip` and by the
/// Fashion-MNIST distribution). Concatenated members are inflated one after another,
/// as `gunzip` does.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The inflated contents of the gzip data `bytes`, read from `file` (named in errors).
    /// A corrupt or truncated stream is a `DatasetError` at the compressed byte offset.
    ///
    /// `declaredLength` is shown the output after every chunk (1 MiB) until it returns the
    /// total length the data's own header declares (nil: not known yet, or no header), and
    /// throws if that header is bad; output beyond the declared length is an error at once.
    /// So memory stays within the declared length plus a chunk, however far the stream
    /// would expand (deflate reaches 1032 : 1).
    public static func inflate(_ bytes: [UInt8], file: String,
                               declaredLength: ([UInt8]) throws -> Int? = { _ in nil }) throws -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(expectedSize(of: bytes))
        var limit: Int?
        var input = bytes
        try input.withUnsafeMutableBufferPointer { buffer in
            var consumed = 0
            while consumed < buffer.count {
                guard buffer[consumed] == 0x1F else {
                    throw DatasetError(file: file, position: .byte(consumed),
                                       expected: "another gzip member or the end of the file",
                                       found: "\(buffer.count - consumed) bytes of other data")
                }
                consumed += try inflateMember(buffer, from: consumed, into: &output, file: file) { output in
                    limit = try limit ?? declaredLength(output)
                    if let limit, output.count > limit {
                        throw DatasetError(file: file, position: .decompressedByte(limit),
                                           expected: "the end of the data after the \(limit) bytes its header declares",
                                           found: "more inflated data")
                    }
                }
            }
        }
        return output
    }

    /// Inflates the member starting at `start`, appending to `output` and showing it to
    /// `check` after every good chunk (corrupt data is reported as such first); returns the
    /// number of compressed bytes it used.
    private static func inflateMember(_ input: UnsafeMutableBufferPointer<UInt8>, from start: Int,
                                      into output: inout [UInt8], file: String,
                                      check: ([UInt8]) throws -> Void) throws -> Int {
        var stream = z_stream()
        stream.next_in = input.baseAddress! + start
        stream.avail_in = uInt(input.count - start)
        // 15 + 32: the largest window, with automatic gzip/zlib header detection.
        guard dmlx_inflateInit2(&stream, 15 + 32) == Z_OK else {
            throw DatasetError(file: file, position: .byte(start), expected: "zlib to initialise", found: "an error")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let (status, produced) = chunk.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, out.count - Int(stream.avail_out))
            }
            output.append(contentsOf: chunk[0..<produced])
            let offset = start + Int(stream.total_in)
            switch status {
            case Z_STREAM_END:
                try check(output)
                return Int(stream.total_in)
            case Z_OK:
                try check(output)
            case Z_BUF_ERROR where stream.avail_in == 0:
                throw DatasetError(file: file, position: .byte(offset),
                                   expected: "more gzip data", found: "the end of the file (truncated)")
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw DatasetError(file: file, position: .byte(offset),
                                   expected: "valid gzip data", found: "corrupt data (\(reason))")
            }
        }
    }

    /// The uncompressed size recorded in the last member's trailer (modulo 2^32), used only
    /// to reserve memory once; never more than deflate's largest ratio (1032 : 1) allows,
    /// so a forged trailer cannot reserve gigabytes.
    private static func expectedSize(of bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let tail = bytes.suffix(4)
        let size = tail.reversed().reduce(0) { $0 << 8 | Int($1) }
        return min(size, bytes.count * 1032)
    }
}
